using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace QaIngest.Index;

/// <summary>
/// The terms one search looks up, each looked up once in each segment and kept for the search:
/// the estimate of its matches, Lucene's scoring, counting with <see cref="MatchSets"/> and
/// re-ranking all read the same term several times (a word with its compounds is 21 terms in 4
/// fields; over 17 segments 1,400 look-ups each time). One terms enumerator per segment and field
/// serves every look-up (a new one copies its input and frames: most of a look-up's cost).
/// Queries given to Lucene carry the looked-up states (<see cref="Bind"/>), so Lucene does not look
/// them up again; the statistics, hence the scores, are the same. Not thread-safe: one per search.
/// </summary>
internal sealed class TermStates(IndexReader reader)
{
    private readonly Dictionary<Term, TermContext> contexts = [];
    private readonly Dictionary<(Term Term, int Leaf), int> segmentFreqs = [];
    private readonly Dictionary<(int Leaf, string Field), TermsEnum?> enums = [];
    private readonly Dictionary<Query, Query> bound = new(ReferenceEqualityComparer.Instance);

    public IndexReader Reader => reader;

    /// <summary>In how many documents (deleted ones included, as <see cref="IndexReader.DocFreq(Term)"/>) the term is.</summary>
    public int DocFreq(Term term) => Of(term).DocFreq;

    /// <summary>The term's state in every segment that has it.</summary>
    public TermContext Of(Term term)
    {
        if (contexts.TryGetValue(term, out var known))
        {
            return known;
        }

        var context = new TermContext(reader.Context);
        foreach (var leaf in reader.Leaves)
        {
            if (Enumerator(leaf, term.Field) is { } e && e.SeekExact(term.Bytes))
            {
                context.Register(e.GetTermState(), leaf.Ord, e.DocFreq, e.TotalTermFreq);
                segmentFreqs[(term, leaf.Ord)] = e.DocFreq;
            }
        }

        contexts[term] = context;
        return context;
    }

    /// <summary>In how many documents of one segment (deleted ones included) the term is; 0 when the segment does not have it.</summary>
    public int DocFreq(AtomicReaderContext leaf, Term term)
    {
        Of(term);
        return segmentFreqs.GetValueOrDefault((term, leaf.Ord));
    }

    /// <summary>The term's documents in one segment (without frequencies), skipping those not in <paramref name="accept"/>; null when the segment does not have it.</summary>
    public DocsEnum? Docs(AtomicReaderContext leaf, Term term, IBits? accept)
    {
        if (Of(term).Get(leaf.Ord) is not { } state || Enumerator(leaf, term.Field) is not { } e)
        {
            return null;
        }

        e.SeekExact(term.Bytes, state);
        return e.Docs(accept, null, DocsFlags.NONE);
    }

    /// <summary>
    /// The query with every term query (in boolean queries, at any depth) carrying its looked-up
    /// states; other queries are kept as they are. The same query object gives the same result.
    /// </summary>
    public Query Bind(Query query)
    {
        if (bound.TryGetValue(query, out var known))
        {
            return known;
        }

        Query result = query;
        switch (query)
        {
            case TermQuery term:
                result = new TermQuery(term.Term, Of(term.Term)) { Boost = term.Boost };
                break;
            case BooleanQuery boolean:
            {
                var copy = new BooleanQuery(boolean.CoordDisabled) { MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch, Boost = boolean.Boost };
                foreach (var clause in boolean.Clauses)
                {
                    copy.Add(Bind(clause.Query), clause.Occur);
                }

                result = copy;
                break;
            }
        }

        bound[query] = result;
        return result;
    }

    private TermsEnum? Enumerator(AtomicReaderContext leaf, string field)
    {
        if (!enums.TryGetValue((leaf.Ord, field), out var e))
        {
            enums[(leaf.Ord, field)] = e = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
        }

        return e;
    }
}
