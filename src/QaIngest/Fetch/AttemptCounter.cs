namespace QaIngest.Fetch;

/// <summary>Counts the HTTP attempts spent on one document (every hop, every retry). Thread-safe.</summary>
public sealed class AttemptCounter
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}
