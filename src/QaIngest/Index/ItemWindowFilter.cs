using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// The items whose ids lie in a window (the most recent items), from the item ids' doc values. Per
/// segment, ids grow with document numbers in runs (items are written in the order of their ids by a
/// few threads, and merges keep the order of segments): in each run the window is one range of
/// documents found by bisection. A segment of too many runs has its ids sorted once instead; both
/// are cached with the segment.
/// </summary>
internal sealed class ItemWindowFilter(long lowest, long highest) : Filter
{
    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        var ids = reader.GetNumericDocValues(IndexFields.Item);
        if (ids is null || reader.MaxDoc == 0)
        {
            return null;
        }

        var order = SegmentOrder.Of(reader, ids);
        DocIdSet set;
        if (order.Sorted is null)
        {
            // Runs of growing ids: in each, the first document at or above each end of the window.
            var runs = order.Runs;
            FixedBitSet? bits = null;
            var single = (From: 0, To: 0);
            for (var r = 0; r + 1 < runs.Length; r++)
            {
                // A run wholly outside the window, or wholly inside it, needs no bisection.
                if (order.Last[r] < lowest || order.First[r] > highest)
                {
                    continue;
                }

                var from = order.First[r] >= lowest ? runs[r] : LowerBound(ids, runs[r], runs[r + 1], lowest);
                var to = order.Last[r] <= highest ? runs[r + 1] : LowerBound(ids, from, runs[r + 1], highest + 1);
                if (from >= to)
                {
                    continue;
                }

                if (single.To == 0 && bits is null)
                {
                    single = (from, to);
                    continue;
                }

                if (bits is null)
                {
                    bits = new FixedBitSet(reader.MaxDoc);
                    bits.Set(single.From, single.To);
                }

                bits.Set(from, to);
            }

            if (bits is null && single.To == 0)
            {
                return null;
            }

            set = bits is not null ? bits : new DocRange(single.From, single.To);
        }
        else
        {
            var (sortedIds, docs) = order.Sorted.Value;
            var start = Array.BinarySearch(sortedIds, lowest);
            start = start < 0 ? ~start : start;
            while (start > 0 && sortedIds[start - 1] >= lowest)
            {
                start--;
            }

            var bits = new FixedBitSet(reader.MaxDoc);
            for (var i = start; i < sortedIds.Length && sortedIds[i] <= highest; i++)
            {
                bits.Set(docs[i]);
            }

            set = bits;
        }

        return BitsFilteredDocIdSet.Wrap(set, acceptDocs);
    }

    /// <summary>The first document from <paramref name="low"/> up to <paramref name="high"/> (a run of growing ids) whose id is at least <paramref name="value"/>.</summary>
    private static int LowerBound(NumericDocValues ids, int low, int high, long value)
    {
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (ids.Get(middle) < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    public override string ToString() => $"item:[{lowest} TO {highest}]";

    /// <summary>
    /// A segment's runs of growing item ids (documents of a batch are written by several threads, one
    /// segment each, and merged side by side: a few dozen runs in a segment of 500,000), or, when
    /// there are too many runs to search, its ids sorted with their documents; computed once per segment.
    /// </summary>
    private sealed class SegmentOrder
    {
        private const int MaxRuns = 4_096;
        private static readonly ConditionalWeakTable<object, SegmentOrder> Cache = new();

        /// <summary>The first document of each run, then the segment's size.</summary>
        public int[] Runs { get; private init; } = [];

        /// <summary>The first and the last id of each run.</summary>
        public long[] First { get; private init; } = [];

        public long[] Last { get; private init; } = [];

        public (long[] Ids, int[] Docs)? Sorted { get; private init; }

        public static SegmentOrder Of(AtomicReader reader, NumericDocValues ids) => Cache.GetValue(reader.CoreCacheKey, _ => Build(reader.MaxDoc, ids));

        private static SegmentOrder Build(int maxDoc, NumericDocValues ids)
        {
            var runs = new List<int> { 0 };
            var previous = long.MinValue;
            for (var doc = 0; doc < maxDoc && runs.Count <= MaxRuns; doc++)
            {
                var id = ids.Get(doc);
                if (id < previous)
                {
                    runs.Add(doc);
                }

                previous = id;
            }

            if (runs.Count <= MaxRuns)
            {
                runs.Add(maxDoc);
                var first = new long[runs.Count - 1];
                var last = new long[runs.Count - 1];
                for (var r = 0; r < first.Length; r++)
                {
                    first[r] = ids.Get(runs[r]);
                    last[r] = ids.Get(runs[r + 1] - 1);
                }

                return new SegmentOrder { Runs = [.. runs], First = first, Last = last };
            }

            var sorted = new long[maxDoc];
            var docs = new int[maxDoc];
            for (var doc = 0; doc < maxDoc; doc++)
            {
                sorted[doc] = ids.Get(doc);
                docs[doc] = doc;
            }

            Array.Sort(sorted, docs);
            return new SegmentOrder { Sorted = (sorted, docs) };
        }
    }

    /// <summary>The documents from one number up to another, as a set that iterates and answers lookups.</summary>
    private sealed class DocRange(int from, int to) : DocIdSet
    {
        public override DocIdSetIterator GetIterator() => new Iterator(from, to);

        public override IBits Bits => new RangeBits(from, to);

        public override bool IsCacheable => true;

        private sealed class RangeBits(int from, int to) : IBits
        {
            public int Length => to;

            public bool Get(int index) => index >= from && index < to;
        }

        private sealed class Iterator(int from, int to) : DocIdSetIterator
        {
            private int doc = -1;

            public override int DocID => doc;

            public override int NextDoc() => Advance(doc + 1);

            public override int Advance(int target) => doc = target >= to ? NO_MORE_DOCS : Math.Max(target, from);

            public override long GetCost() => to - from;
        }
    }
}
