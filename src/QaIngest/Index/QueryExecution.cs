using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace QaIngest.Index;

/// <summary>
/// How a search runs on Lucene: a query restricted by a filter (see also <see cref="Deadline"/> and <see cref="MatchSets"/>).
/// </summary>
internal static class QueryExecution
{
    /// <summary>A query restricted by a filter (Lucene's default strategy: the filter leads when its first document is far in).</summary>
    public static Query Filtered(Query query, Filter? filter) => filter is null ? query : new FilteredQuery(query, filter);
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
