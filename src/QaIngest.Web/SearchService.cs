using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Web;

/// <summary>
/// Runs searches and amount lists for the pages and the API alike: checks the query against the
/// limits, answers from the result cache when the same request was answered at the same index
/// generation, else runs it on a pooled reader within the time limit, and turns every failure into
/// a <see cref="WebProblem"/>. Thread-safe.
/// </summary>
public sealed partial class SearchService(ServeOptions options, IndexPool pool, IndexGeneration generation, ResultCache? cache)
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public async Task<SearchOutcome<SearchResults>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (Check(request.Query) is { } refused)
        {
            return new(null, refused, false, clock.Elapsed.TotalMilliseconds);
        }

        var normalised = request with { Query = Normalise(request.Query) };
        var key = string.Create(CultureInfo.InvariantCulture, $"s\u0001{normalised.Query}\u0001{normalised.Limit}\u0001{normalised.Sort}\u0001{normalised.Facets}\u0001{normalised.Compounds}");
        var at = cache is null ? 0 : generation.Current();
        if (cache is not null && cache.TryGet<SearchResults>(key, at, out var cached))
        {
            return new(AsAsked(cached, request.Query), null, true, clock.Elapsed.TotalMilliseconds);
        }

        try
        {
            var (results, error) = await pool.UseAsync(index => index.Cost(normalised), index => index.Search(normalised), cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return new(null, new WebProblem(400, "Invalid query", error, null, request.Query), false, clock.Elapsed.TotalMilliseconds);
            }

            cache?.Add(key, at, results!, Size(results!));
            return new(AsAsked(results!, request.Query), null, false, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (Failure(e) is { } problem)
        {
            return new(null, problem, false, clock.Elapsed.TotalMilliseconds);
        }
    }

    public async Task<SearchOutcome<ImmutableArray<AmountRow>>> AmountsAsync(decimal? min, decimal? max, string? query, int limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        query = string.IsNullOrWhiteSpace(query) ? null : Normalise(query);
        if (query is not null && Check(query) is { } refused)
        {
            return new([], refused, false, clock.Elapsed.TotalMilliseconds);
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"a\u0001{query}\u0001{min}\u0001{max}\u0001{limit}");
        var at = cache is null ? 0 : generation.Current();
        if (cache is not null && cache.TryGet<AmountRowsBox>(key, at, out var cached))
        {
            return new(cached.Rows, null, true, clock.Elapsed.TotalMilliseconds);
        }

        try
        {
            var (rows, error) = await pool.UseAsync(
                index => query is null ? AmountsWithoutQueryCost : index.Cost(new SearchRequest(query)),
                index => index.Amounts(min, max, query, limit), cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return new([], new WebProblem(400, "Invalid query", error, null, query), false, clock.Elapsed.TotalMilliseconds);
            }

            cache?.Add(key, at, new AmountRowsBox(rows), 256L * rows.Length);
            return new(rows, null, false, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (Failure(e) is { } problem)
        {
            return new([], problem, false, clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>An amount list without a query reads the figures in a range from the record: not estimated, it waits behind searches (for at most the aging bound).</summary>
    private const long AmountsWithoutQueryCost = long.MaxValue;

    /// <summary>The query as the cache knows it: runs of white space are one space (the query language reads them alike), no space at the ends.</summary>
    internal static string Normalise(string query) => Whitespace().Replace(query.Trim(), " ");

    /// <summary>The results as asked: they name the query as the request wrote it, as <c>qaingest search</c> does.</summary>
    private static SearchResults AsAsked(SearchResults results, string query) =>
        results.Query == query ? results : results with { Query = query };

    /// <summary>An estimate of the bytes an answer holds: its texts as UTF-16 plus a fixed cost per hit and figure.</summary>
    private static long Size(SearchResults results) =>
        512 + results.Hits.Sum(h => 256L + (2L * h.Snippet.Length) + (2L * (h.Title?.Length ?? 0)) + (h.Figures.IsDefault ? 0 : h.Figures.Sum(f => 128L + (2L * f.Text.Length))))
        + results.Facets.Values.Sum(v => v.Sum(c => 64L + (2L * c.Value.Length)));

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

    /// <summary>An amount list as a cache entry (the cache holds reference types).</summary>
    private sealed record AmountRowsBox(ImmutableArray<AmountRow> Rows);
}
