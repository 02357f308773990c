using Lucene.Net.Index;
using Lucene.Net.Search;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// The items whose largest amount is at least a value, without visiting them: the indexed largest
/// amount is one value an item, so the terms a numeric range covers partition its items and their
/// document frequencies add up to the count (segments with deletions are counted document by
/// document). The best items by amount then come from a threshold found by bisection that leaves
/// just enough of them to sort. An <c>amount:&gt;=X</c> query matches hundreds of thousands of
/// items; sorting them all took about 100 ms.
/// </summary>
internal static class AmountThreshold
{
    public static long CountAtLeast(IndexReader reader, double value)
    {
        var query = NumericRangeQuery.NewDoubleRange(IndexFields.MaxAmount, IndexFields.AmountStep, value, null, true, true);
        long count = 0;
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(IndexFields.MaxAmount);
            if (terms is null)
            {
                continue;
            }

            var e = query.GetTermsEnum(terms);
            var live = leaf.AtomicReader.LiveDocs;
            while (e.MoveNext())
            {
                if (live is null)
                {
                    count += e.DocFreq;
                    continue;
                }

                var docs = e.Docs(live, null, DocsFlags.NONE);
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>The highest amount at least <paramref name="value"/> that still has at least <paramref name="wanted"/> items at or above it (or <paramref name="value"/>).</summary>
    public static double For(IndexReader reader, double value, int wanted, double highest)
    {
        double low = value, high = highest;
        if (CountAtLeast(reader, high) >= wanted)
        {
            return high;
        }

        for (var i = 0; i < 40 && high - low > Math.Max(1, low * 1e-9); i++)
        {
            var middle = low + ((high - low) / 2);
            if (CountAtLeast(reader, middle) >= wanted)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
