using System.Collections.Immutable;

namespace QaIngest.SiteStandIn;

/// <summary>Every request the stand-in received, in arrival order. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly Lock gate = new();
    private readonly List<RequestLogEntry> entries = [];
    private int inFlight;
    private int maxInFlight;

    public ImmutableArray<RequestLogEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries.OrderBy(e => e.Time)];
            }
        }
    }

    /// <summary>The most requests that were being answered at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>The most requests (matching <paramref name="filter"/>) that arrived within any span shorter than <paramref name="window"/>.</summary>
    public int MaxInWindow(TimeSpan window, Func<RequestLogEntry, bool>? filter = null)
    {
        var times = Entries.Where(filter ?? (_ => true)).Select(e => e.Time).ToArray();
        var max = 0;
        for (int start = 0, end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    internal void Enter()
    {
        var now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }
    }

    internal void Leave(RequestLogEntry entry)
    {
        Interlocked.Decrement(ref inFlight);
        lock (gate)
        {
            entries.Add(entry);
        }
    }
}
