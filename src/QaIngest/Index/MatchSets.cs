using System.Buffers;
using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// The items a query matches as a set of documents per segment, without scoring: a word's postings
/// (without frequencies) OR'ed into a bit set, required parts AND'ed, "most of" the optional parts
/// counted per document (a typed question's words), negations removed, a year range
/// checked on the date's doc values of the documents left. Counting a query this way reads each
/// posting once; a scorer would also keep every field of a word in step and score it. What the sets
/// do not cover (phrases, prefixes, amount ranges) is matched by Lucene and set bit by bit. A
/// frequent term's documents come from the sets kept per segment (<see cref="TermBitSets"/>), ORed
/// a word of 64 documents at a time.
/// </summary>
internal sealed class MatchSets(IndexSearcher searcher, Deadline deadline, TermStates states, TermBitSets? kept = null)
{
    private readonly TermBitSets kept = kept ?? TermBitSets.Shared;

    private readonly Dictionary<Query, Weight> weights = new(ReferenceEqualityComparer.Instance);
    private readonly List<long[]> rented = [];

    // The documents of the segment at hand that can match: all of them, or from the first to the last
    // document of the filter's window; postings are read from the first along skip lists, up to the last.
    private int from;
    private int to;

    /// <summary>The live documents of the whole index that <paramref name="query"/> matches, restricted by <paramref name="filter"/> when given.</summary>
    public long Count(Query query, Filter? filter)
    {
        long total = 0;
        Each(query, filter, (_, bits, live) =>
        {
            if (live is null)
            {
                total += bits.Cardinality;
                return;
            }

            var words = bits.GetBits();
            var used = (bits.Length + 63) >> 6;
            for (var w = 0; w < used; w++)
            {
                for (var word = words[w]; word != 0; word &= word - 1)
                {
                    total += live.Get((w << 6) + BitOperations.TrailingZeroCount(word)) ? 1 : 0;
                }
            }
        });
        return total;
    }

    /// <summary>Passes every live document the query matches to a collector, segment by segment.</summary>
    public void Collect(Query query, Filter? filter, ICollector collector)
    {
        Each(query, filter, (leaf, bits, live) =>
        {
            collector.SetNextReader(leaf);
            if (collector is FacetCollector facets)
            {
                facets.CollectAll(bits, live);
                return;
            }

            var max = bits.Length;
            for (var doc = bits.NextSetBit(0); doc >= 0; doc = doc + 1 < max ? bits.NextSetBit(doc + 1) : -1)
            {
                if (live is null || live.Get(doc))
                {
                    collector.Collect(doc);
                }
            }
        });
    }

    private void Each(Query query, Filter? filter, Action<AtomicReaderContext, FixedBitSet, IBits?> action)
    {
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            deadline.Check();

            // A segment outside the filter (a window of recent items) is not read at all.
            var windowSet = filter?.GetDocIdSet(leaf, null);
            var window = windowSet?.GetIterator();
            if (filter is not null && window is null)
            {
                continue;
            }

            try
            {
                FixedBitSet? restricted = null;
                (from, to) = (0, leaf.AtomicReader.MaxDoc);
                if (window is not null)
                {
                    // A window of several ranges comes as a bit set, only read here; one range is set document by document.
                    if (windowSet is FixedBitSet ranges)
                    {
                        restricted = ranges;
                    }
                    else
                    {
                        restricted = NewSet(leaf.AtomicReader.MaxDoc);
                        restricted.Or(window);
                    }

                    from = restricted.NextSetBit(0);
                    to = from < 0 ? 0 : restricted.PrevSetBit(restricted.Length - 1) + 1;
                    if (from < 0)
                    {
                        continue;
                    }
                }

                var bits = Evaluate(leaf, query);
                if (restricted is not null)
                {
                    bits.And(restricted);
                }

                action(leaf, bits, leaf.AtomicReader.LiveDocs);
            }
            finally
            {
                // Every set made for the segment is done with: its words go back to the pool.
                foreach (var words in rented)
                {
                    ArrayPool<long>.Shared.Return(words);
                }

                rented.Clear();
            }
        }
    }

    /// <summary>
    /// An empty set of a segment's documents, its words rented: a set of a segment of two million
    /// items is 250 KB, a large-object allocation (collected only with the oldest generation) for
    /// every clause of every search otherwise (the pool keeps a few such arrays per thread and core).
    /// Rented arrays can be longer than asked; they are cleared whole, so whatever of
    /// <see cref="FixedBitSet"/> reads its array to the end reads zeros past the segment.
    /// </summary>
    private FixedBitSet NewSet(int maxDoc)
    {
        var words = ArrayPool<long>.Shared.Rent(FixedBitSet.Bits2words(maxDoc));
        Array.Clear(words);
        rented.Add(words);
        return new FixedBitSet(words, maxDoc);
    }

    private FixedBitSet Evaluate(AtomicReaderContext leaf, Query query)
    {
        var maxDoc = leaf.AtomicReader.MaxDoc;
        switch (query)
        {
            case Lucene.Net.Search.TermQuery or BooleanQuery { MinimumNumberShouldMatch: 0 } when QueryExecution.IsDisjunctionOfTerms(query):
            {
                var bits = NewSet(maxDoc);
                OrTerms(leaf, query, bits);
                return bits;
            }

            case MatchAllDocsQuery:
            {
                var bits = NewSet(maxDoc);
                bits.Set(from, to);
                return bits;
            }

            // At most 255 optional clauses when some must match (a count per document in a byte; the parser allows 40).
            case BooleanQuery boolean when boolean.MinimumNumberShouldMatch == 0 || boolean.Clauses.Count <= byte.MaxValue:
            {
                FixedBitSet? result = null;
                var years = new List<NumericRangeQuery<int>>();
                foreach (var clause in boolean.Clauses.Where(c => c.Occur == Occur.MUST))
                {
                    if (clause.Query is NumericRangeQuery<int> year && year.Field == IndexFields.Year)
                    {
                        years.Add(year);
                        continue;
                    }

                    var bits = Evaluate(leaf, clause.Query);
                    result = result is null ? bits : And(result, bits);
                }

                if (boolean.MinimumNumberShouldMatch > 0)
                {
                    var atLeast = AtLeast(leaf, boolean.Clauses.Where(c => c.Occur == Occur.SHOULD).ToList(), boolean.MinimumNumberShouldMatch);
                    result = result is null ? atLeast : And(result, atLeast);
                }
                else if (result is null)
                {
                    if (years.Count > 0)
                    {
                        result = NewSet(maxDoc);
                        result.Set(from, to);
                    }
                    else
                    {
                        // Only optional clauses: any of them.
                        result = NewSet(maxDoc);
                        foreach (var clause in boolean.Clauses.Where(c => c.Occur == Occur.SHOULD))
                        {
                            result.Or(Evaluate(leaf, clause.Query));
                        }
                    }
                }

                foreach (var year in years)
                {
                    KeepYears(leaf, result, year.Min, year.Max, year.IncludesMin, year.IncludesMax);
                }

                foreach (var clause in boolean.Clauses.Where(c => c.Occur == Occur.MUST_NOT))
                {
                    result.AndNot(Evaluate(leaf, clause.Query));
                }

                return result;
            }

            default:
                return ByLucene(leaf, query);
        }
    }

    /// <summary>
    /// Whether the sets match the whole query themselves (words, "most of" the words, years,
    /// negations), without Lucene's matching of phrases, prefixes or amounts, which in a window is
    /// cheaper led by the window's documents.
    /// </summary>
    public static bool Covers(Query query) => query switch
    {
        Lucene.Net.Search.TermQuery or MatchAllDocsQuery => true,
        NumericRangeQuery<int> year => year.Field == IndexFields.Year,
        BooleanQuery b => (b.MinimumNumberShouldMatch == 0 || b.Clauses.Count <= byte.MaxValue) && b.Clauses.All(c => Covers(c.Query)),
        _ => false,
    };

    /// <summary>Sets the documents of every term of a disjunction of terms in one bit set (no set per term).</summary>
    private void OrTerms(AtomicReaderContext leaf, Query query, FixedBitSet bits)
    {
        if (query is Lucene.Net.Search.TermQuery term)
        {
            if (kept.Get(leaf, term.Term, states.DocFreq(leaf, term.Term), () => states.Docs(leaf, term.Term, null)) is { } set)
            {
                // The words that hold the documents from `from` to `to`; the few documents outside them
                // in the first and last word are cleared with the window at the end.
                var source = set.GetBits();
                var target = bits.GetBits();
                for (int w = from >> 6, end = (to + 63) >> 6; w < end; w++)
                {
                    target[w] |= source[w];
                }
            }
            else if (states.Docs(leaf, term.Term, null) is { } docs)
            {
                OrRange(docs, bits);
            }

            return;
        }

        foreach (var clause in ((BooleanQuery)query).Clauses)
        {
            OrTerms(leaf, clause.Query, bits);
        }
    }

    /// <summary>
    /// The documents that match at least <paramref name="least"/> of the clauses (most of a typed
    /// question's words): a count per document, one pass over each clause's set.
    /// </summary>
    private FixedBitSet AtLeast(AtomicReaderContext leaf, List<BooleanClause> clauses, int least)
    {
        var maxDoc = leaf.AtomicReader.MaxDoc;
        var result = NewSet(maxDoc);
        if (least > clauses.Count)
        {
            // As Lucene: fewer clauses than required match nothing.
            return result;
        }

        var counts = ArrayPool<byte>.Shared.Rent(maxDoc);
        Array.Clear(counts, from, to - from);
        foreach (var clause in clauses)
        {
            // A clause's set may hold the whole segment (a kept set); only the window's range is counted.
            var bits = Evaluate(leaf, clause.Query);
            for (var doc = bits.NextSetBit(from); doc >= 0 && doc < to; doc = doc + 1 < maxDoc ? bits.NextSetBit(doc + 1) : -1)
            {
                counts[doc]++;
            }
        }

        for (var doc = from; doc < to; doc++)
        {
            if (counts[doc] >= least)
            {
                result.Set(doc);
            }
        }

        ArrayPool<byte>.Shared.Return(counts);
        return result;
    }

    private static FixedBitSet And(FixedBitSet a, FixedBitSet b)
    {
        a.And(b);
        return a;
    }

    /// <summary>
    /// Keeps the documents whose year (from the date's doc values, cached per segment) is in the range;
    /// a document without a date has no year. Only the documents that can match (<see cref="from"/> to
    /// <see cref="to"/>) are looked at: those outside are cleared with the window at the end.
    /// </summary>
    private void KeepYears(AtomicReaderContext leaf, FixedBitSet bits, int? min, int? max, bool includesMin, bool includesMax)
    {
        var years = SegmentFacts.Years(leaf.AtomicReader);
        var first = Math.Max(1, min is { } lo ? (includesMin ? lo : lo + 1L) : long.MinValue);
        var last = max is { } hi ? (includesMax ? hi : hi - 1L) : long.MaxValue;
        var words = bits.GetBits();
        for (int w = from >> 6, end = (to + 63) >> 6; w < end; w++)
        {
            for (var word = words[w]; word != 0; word &= word - 1)
            {
                var doc = (w << 6) + BitOperations.TrailingZeroCount(word);
                if (years[doc] is var year && (year < first || year > last))
                {
                    words[w] &= ~(1L << doc);
                }
            }
        }
    }

    /// <summary>The documents Lucene's own matching finds for a query the sets do not cover (one weight a query, reused across segments).</summary>
    private FixedBitSet ByLucene(AtomicReaderContext leaf, Query query)
    {
        if (!weights.TryGetValue(query, out var weight))
        {
            weights[query] = weight = searcher.CreateNormalizedWeight(new ConstantScoreQuery(states.Bind(query)));
        }

        var bits = NewSet(leaf.AtomicReader.MaxDoc);
        var scorer = weight.GetScorer(leaf, null);
        if (scorer is not null)
        {
            OrRange(scorer, bits);
        }

        return bits;
    }

    /// <summary>Sets the iterator's documents from <see cref="from"/> (reached along skip lists) up to <see cref="to"/>.</summary>
    private void OrRange(DocIdSetIterator docs, FixedBitSet bits)
    {
        for (var doc = docs.Advance(from); doc < to; doc = docs.NextDoc())
        {
            bits.Set(doc);
        }
    }
}
