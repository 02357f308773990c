using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// How a search runs on Lucene: a query restricted by a filter (see also <see cref="Deadline"/> and <see cref="MatchSets"/>).
/// </summary>
internal static class QueryExecution
{
    /// <summary>
    /// A query restricted by a filter (Lucene's default strategy: the filter leads when its first
    /// document is far in). Next to required clauses that lead, two kinds of top-level clause are
    /// taken out and checked at their matches instead, in document order: a required <c>year:</c>
    /// range, from the segments' arrays of years (<see cref="YearFilter"/>), and a negated word (a
    /// disjunction of terms), along its postings (<see cref="WithoutTermsFilter"/>). Neither scores
    /// (a year range has boost 0, a negation never scores), so the scores stay the same.
    /// </summary>
    public static Query Filtered(Query query, Filter? filter)
    {
        query = WithChecksAtMatches(query);
        return filter is null ? query : new FilteredQuery(query, filter);
    }

    private static Query WithChecksAtMatches(Query query)
    {
        if (query is not BooleanQuery boolean)
        {
            return query;
        }

        var years = boolean.Clauses.Where(c => c.Occur == Occur.MUST && c.Query is NumericRangeQuery<int> r && r.Field == IndexFields.Year).ToList();
        var negated = boolean.Clauses.Where(c => c.Occur == Occur.MUST_NOT && IsDisjunctionOfTerms(c.Query)).ToList();
        var others = boolean.Clauses.Where(c => !years.Contains(c) && !negated.Contains(c)).ToList();
        if (years.Count + negated.Count == 0 || !others.Any(c => c.Occur == Occur.MUST && c.Query is not MatchAllDocsQuery))
        {
            return query;
        }

        var rest = new BooleanQuery(boolean.CoordDisabled) { MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch, Boost = boolean.Boost };
        foreach (var clause in others)
        {
            rest.Add(clause);
        }

        Query result = rest;
        if (negated.Count > 0)
        {
            var terms = new List<Term>();
            foreach (var clause in negated)
            {
                AddTerms(clause.Query, terms);
            }

            result = new FilteredQuery(result, new WithoutTermsFilter(terms), FilteredQuery.QUERY_FIRST_FILTER_STRATEGY);
        }

        foreach (var year in years.Select(c => (NumericRangeQuery<int>)c.Query))
        {
            int? from = year.Min is { } lo ? (year.IncludesMin ? lo : lo + 1) : null;
            int? to = year.Max is { } hi ? (year.IncludesMax ? hi : hi - 1) : null;
            result = new FilteredQuery(result, new YearFilter(from, to), FilteredQuery.QUERY_FIRST_FILTER_STRATEGY);
        }

        return result;
    }

    /// <summary>A term, or optional clauses that are all terms or such disjunctions (a word over its fields, with its compounds).</summary>
    internal static bool IsDisjunctionOfTerms(Query query) => query switch
    {
        Lucene.Net.Search.TermQuery => true,
        BooleanQuery { MinimumNumberShouldMatch: 0 } b => b.Clauses.Count > 0 && b.Clauses.All(c => c.Occur == Occur.SHOULD && IsDisjunctionOfTerms(c.Query)),
        _ => false,
    };

    private static void AddTerms(Query query, List<Term> terms)
    {
        if (query is Lucene.Net.Search.TermQuery term)
        {
            terms.Add(term.Term);
            return;
        }

        foreach (var clause in ((BooleanQuery)query).Clauses)
        {
            AddTerms(clause.Query, terms);
        }
    }
}

/// <summary>The moment a search must be done by; past it, the search stops with a <see cref="QueryTimeoutException"/>.</summary>
internal sealed class Deadline(TimeSpan limit)
{
    private readonly long end = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);

    public TimeSpan Limit => limit;

    public void Check()
    {
        if (Stopwatch.GetTimestamp() > end)
        {
            throw new QueryTimeoutException(limit);
        }
    }
}

/// <summary>A search stopped at its deadline.</summary>
internal sealed class QueryTimeoutException(TimeSpan limit) : Exception($"the query took longer than {limit.TotalSeconds:0.###} s and was stopped (narrow it down: fewer OR'ed words or prefixes, longer prefixes)");

/// <summary>Passes matches on to another collector and checks the deadline every 1,024 of them and at every segment.</summary>
internal sealed class DeadlineCollector(ICollector inner, Deadline deadline) : ICollector
{
    private int collected;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        deadline.Check();
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if ((++collected & 1023) == 0)
        {
            deadline.Check();
        }

        inner.Collect(doc);
    }
}
