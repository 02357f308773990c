using System.Collections.Immutable;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Web;

/// <summary>
/// Runs searches and amount lists for the pages and the API alike: checks the query against the
/// limits, runs it on a pooled reader within the time limit, and turns every failure into a
/// <see cref="WebProblem"/>. Thread-safe.
/// </summary>
public sealed class SearchService(ServeOptions options, IndexPool pool)
{
    public async Task<(SearchResults? Results, WebProblem? Problem)> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        if (Check(request.Query) is { } refused)
        {
            return (null, refused);
        }

        try
        {
            var (results, error) = await pool.UseAsync(index => index.Search(request), cancellationToken).ConfigureAwait(false);
            return error is null ? (results, null) : (null, new WebProblem(400, "Invalid query", error, null, request.Query));
        }
        catch (Exception e) when (Failure(e) is { } problem)
        {
            return (null, problem);
        }
    }

    public async Task<(ImmutableArray<AmountRow> Rows, WebProblem? Problem)> AmountsAsync(decimal? min, decimal? max, string? query, int limit, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(query) && Check(query) is { } refused)
        {
            return ([], refused);
        }

        try
        {
            var (rows, error) = await pool.UseAsync(index => index.Amounts(min, max, string.IsNullOrWhiteSpace(query) ? null : query, limit), cancellationToken).ConfigureAwait(false);
            return error is null ? (rows, null) : ([], new WebProblem(400, "Invalid query", error, null, query));
        }
        catch (Exception e) when (Failure(e) is { } problem)
        {
            return ([], problem);
        }
    }

    private WebProblem? Check(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return new WebProblem(400, "Invalid query", "the query is empty (parameter q)", 0, query);
        }

        var (_, error) = options.Limits.Check(query);
        return error is null ? null : new WebProblem(400, "Invalid query", error.Message, error.Position, query);
    }

    private static WebProblem? Failure(Exception e) => e switch
    {
        SlowQueryException slow => new WebProblem(503, "Query too slow", slow.Message),
        IndexUnavailableException missing => new WebProblem(503, "Index unavailable", missing.Message),
        _ => null,
    };
}
