using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace QaIngest.Index;

/// <summary>
/// The documents of a segment's frequent terms as bit sets, made once and kept across searches,
/// readers and commits, within a budget of bytes (as Lucene 5+'s query cache keeps its filters).
/// <see cref="MatchSets"/> ORs a kept set in a few thousand word operations where it would decode
/// the term's postings one document at a time: counting or faceting a common word over a million
/// items reads a million postings otherwise, on every search. A set is kept only for a term in at
/// least <see cref="MinDensity"/> of its segment's documents (and <see cref="MinDocs"/>): a set of
/// N documents costs N / 8 bytes, so a rarer term is cheaper to read from its postings each time.
/// Segments never change once written (deletions live apart, in the live documents), so a set
/// stays true for as long as its segment exists; a segment is known by its content
/// (<see cref="SegmentIdentity"/>), so every reader of the pool and every reopened reader shares its sets. As in
/// Lucene's caching policy, a set is made the <see cref="UsesBeforeKept"/>-th time its term is read
/// in a segment, not the first (a one-off search reads only its window's postings, as before); the
/// least recently used sets are dropped past the budget. Thread-safe.
/// </summary>
internal sealed class TermBitSets(long budgetBytes)
{
    /// <summary>The sets every search of this process shares: 64 MB, about 256 terms' sets over an index of 2 million items.</summary>
    public static TermBitSets Shared { get; } = new(64L * 1024 * 1024);

    // How many times a term not kept yet was asked for in a segment: forgotten all at once when it grows past a bound.
    private const int MaxSeen = 100_000;

    private readonly ConcurrentDictionary<Key, Entry> entries = new();
    private readonly ConcurrentDictionary<Key, int> seen = new();
    private readonly System.Threading.Lock evicting = new();
    private long bytes;
    private long clock;
    private long made;

    /// <summary>The share of a segment's documents a term must be in for its set to be kept (1/64: the set then costs at most 8 bytes a posting, and ORing it a word per 64 documents).</summary>
    public double MinDensity { get; init; } = 1.0 / 64;

    /// <summary>A term in fewer documents of a segment is read from its postings (a small segment's sets are not worth keeping). Tests lower it.</summary>
    public int MinDocs { get; init; } = 4_096;

    /// <summary>How many times a term is asked for in a segment before its set is made (from its whole postings) and kept. Tests lower it.</summary>
    public int UsesBeforeKept { get; init; } = 2;

    /// <summary>How many sets were made so far.</summary>
    public long Made => Interlocked.Read(ref made);

    /// <summary>The bytes the kept sets hold now.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>How many sets are kept now.</summary>
    public int Count => entries.Count;

    /// <summary>Whether a term in <paramref name="docFreq"/> of a segment's <paramref name="maxDoc"/> documents has its set kept.</summary>
    public bool Keeps(int docFreq, int maxDoc) => docFreq >= MinDocs && docFreq >= maxDoc * MinDensity && maxDoc / 8L <= budgetBytes / 4;

    /// <summary>
    /// The term's documents in the segment (deleted ones included) as a kept set, read from
    /// <paramref name="postings"/> when it is made; null when the term is too rare to keep (see
    /// <see cref="Keeps"/>), not asked for often enough yet, or not in the segment. The set must not be changed.
    /// </summary>
    public FixedBitSet? Get(AtomicReaderContext leaf, Term term, int docFreq, Func<DocsEnum?> postings)
    {
        var reader = leaf.AtomicReader;
        if (!Keeps(docFreq, reader.MaxDoc))
        {
            return null;
        }

        var key = new Key(SegmentIdentity.Of(reader), term.Field, term.Bytes.Utf8ToString());
        if (entries.TryGetValue(key, out var known))
        {
            known.LastUse = Interlocked.Increment(ref clock);
            return known.Bits;
        }

        if (UsesBeforeKept > 1)
        {
            if (seen.Count > MaxSeen)
            {
                seen.Clear();
            }

            if (seen.AddOrUpdate(key, 1, (_, uses) => uses + 1) < UsesBeforeKept)
            {
                return null;
            }
        }

        if (postings() is not { } docs)
        {
            return null;
        }

        var bits = new FixedBitSet(reader.MaxDoc);
        for (var doc = docs.NextDoc(); doc != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            bits.Set(doc);
        }

        var entry = new Entry(bits, bits.GetBits().Length * 8L) { LastUse = Interlocked.Increment(ref clock) };
        if (entries.TryAdd(key, entry))
        {
            seen.TryRemove(key, out _);
            Interlocked.Increment(ref made);
            if (Interlocked.Add(ref bytes, entry.Bytes) > budgetBytes)
            {
                Evict();
            }
        }

        return bits;
    }

    /// <summary>Drops the least recently used sets until the rest fit in three quarters of the budget (so a full cache does not evict on every new set).</summary>
    private void Evict()
    {
        lock (evicting)
        {
            if (Interlocked.Read(ref bytes) <= budgetBytes)
            {
                return;
            }

            foreach (var (key, entry) in entries.ToArray().OrderBy(e => e.Value.LastUse))
            {
                if (Interlocked.Read(ref bytes) <= budgetBytes * 3 / 4)
                {
                    break;
                }

                if (entries.TryRemove(key, out var removed))
                {
                    Interlocked.Add(ref bytes, -removed.Bytes);
                }
            }
        }
    }

    private readonly record struct Key(object Segment, string Field, string Text);

    private sealed class Entry(FixedBitSet bits, long size)
    {
        public FixedBitSet Bits => bits;

        public long Bytes => size;

        public long LastUse { get; set; }
    }
}
