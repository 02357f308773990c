using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// The items whose ids lie in a window (the most recent items), from the item ids' doc values. Per
/// segment: when ids grow with document numbers (items are written in the order of their ids, and
/// merges keep the order of segments) the window is one range of documents found by bisection;
/// otherwise the segment's ids sorted once (cached with the segment) give the window's documents.
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
            // Ids grow with documents: the first document at or above each end.
            var from = LowerBound(ids, reader.MaxDoc, lowest);
            var to = LowerBound(ids, reader.MaxDoc, highest + 1);
            if (from >= to)
            {
                return null;
            }

            set = new DocRange(from, to);
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

    private static int LowerBound(NumericDocValues ids, int maxDoc, long value)
    {
        int low = 0, high = maxDoc;
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

    /// <summary>Whether a segment's item ids grow with its documents, and if not, its ids sorted with their documents; computed once per segment.</summary>
    private sealed class SegmentOrder
    {
        private static readonly ConditionalWeakTable<object, SegmentOrder> Cache = new();

        public (long[] Ids, int[] Docs)? Sorted { get; private init; }

        public static SegmentOrder Of(AtomicReader reader, NumericDocValues ids) => Cache.GetValue(reader.CoreCacheKey, _ => Build(reader.MaxDoc, ids));

        private static SegmentOrder Build(int maxDoc, NumericDocValues ids)
        {
            var previous = long.MinValue;
            var ascending = true;
            for (var doc = 0; doc < maxDoc && ascending; doc++)
            {
                var id = ids.Get(doc);
                ascending = id >= previous;
                previous = id;
            }

            if (ascending)
            {
                return new SegmentOrder();
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
