namespace QaIngest.Web;

/// <summary>
/// Answers already computed, keyed by the whole normalised request, valid for one index
/// generation: the first lookup that sees another generation (a commit of the pipeline) empties it.
/// Bounded by an estimate of the bytes its answers hold; the least recently used goes first.
/// Counts its hits and misses. Thread-safe (one lock; a lookup is a dictionary probe).
/// </summary>
public sealed class ResultCache(long capacityBytes)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> recency = [];
    private long generation = long.MinValue;
    private long bytes;
    private long hits;
    private long misses;

    public long Hits => Interlocked.Read(ref hits);

    public long Misses => Interlocked.Read(ref misses);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>The answer cached for <paramref name="key"/> at <paramref name="currentGeneration"/>, or false.</summary>
    public bool TryGet<T>(string key, long currentGeneration, out T value)
        where T : class
    {
        lock (gate)
        {
            Invalidate(currentGeneration);
            if (entries.TryGetValue(key, out var node) && node.Value.Value is T found)
            {
                recency.Remove(node);
                recency.AddFirst(node);
                hits++;
                value = found;
                return true;
            }

            misses++;
            value = null!;
            return false;
        }
    }

    /// <summary>Keeps an answer computed at <paramref name="computedGeneration"/> (dropped when the cache has moved on to a newer one).</summary>
    public void Add(string key, long computedGeneration, object value, long size)
    {
        if (size > capacityBytes / 4)
        {
            return;
        }

        lock (gate)
        {
            if (computedGeneration != generation)
            {
                return;
            }

            if (entries.Remove(key, out var old))
            {
                recency.Remove(old);
                bytes -= old.Value.Size;
            }

            entries[key] = recency.AddFirst(new Entry(key, value, size));
            bytes += size;
            while (bytes > capacityBytes && recency.Last is { } last)
            {
                recency.RemoveLast();
                entries.Remove(last.Value.Key);
                bytes -= last.Value.Size;
            }
        }
    }

    private void Invalidate(long current)
    {
        // Any other generation, a rebuilt index's lower one too, makes every answer suspect.
        if (current != generation)
        {
            entries.Clear();
            recency.Clear();
            bytes = 0;
            generation = current;
        }
    }

    private sealed record Entry(string Key, object Value, long Size);
}
