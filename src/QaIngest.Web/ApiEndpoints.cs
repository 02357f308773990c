using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using QaIngest.Search;

namespace QaIngest.Web;

/// <summary>The JSON API under <c>/api/</c>: search (as <c>qaingest search --format json</c>), facets, a document by key, amounts, saved searches.</summary>
internal static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("api");

        api.MapGet("/search", async Task<Results<Ok<SearchResults>, ProblemHttpResult>> (HttpContext context, string? q, int? limit, string? sort, string? facets, bool? compounds, SearchService search, CancellationToken ct) =>
        {
            if (Flag(facets) is not { } countFacets)
            {
                return Problem(new WebProblem(400, "Invalid parameter", "facets is true or 1 (count the facets), false or 0"));
            }

            if (limit is < 1 or > 1000)
            {
                return Problem(new WebProblem(400, "Invalid parameter", "limit must be between 1 and 1000"));
            }

            if (Sort(sort) is not { } order)
            {
                return Problem(new WebProblem(400, "Invalid parameter", "sort is relevance, date or amount"));
            }

            var request = new SearchRequest(q ?? string.Empty) { Limit = limit ?? 10, Sort = order, Facets = countFacets, Compounds = compounds ?? true };
            var outcome = await search.SearchAsync(request, ct).ConfigureAwait(false);
            ResponseTiming.Mark(context, outcome);
            return outcome.Problem is null ? TypedResults.Ok(outcome.Value) : Problem(outcome.Problem);
        })
        .WithName("search")
        .WithSummary("Search answers, questions and preambles")
        .WithDescription("q: the query language of qaingest search (words, \"phrases\", AND/OR/NOT, prefix*, title:/asker:/minister:, year:2021, year:2019..2023, number:693, amount:>=10000000, amount:[2000000 TO 3000000]). The JSON is that of qaingest search --format json.");

        api.MapGet("/facets", async Task<Results<Ok<FacetsResult>, ProblemHttpResult>> (HttpContext context, string? q, SearchService search, CancellationToken ct) =>
        {
            var outcome = await search.SearchAsync(new SearchRequest(q ?? string.Empty) { Limit = 1, Facets = true }, ct).ConfigureAwait(false);
            ResponseTiming.Mark(context, outcome);
            return outcome is { Problem: null, Value: { } results } ? TypedResults.Ok(new FacetsResult(results.Query, results.Total, results.TotalIsEstimate, results.Facets)) : Problem(outcome.Problem!);
        })
        .WithName("facets")
        .WithSummary("Count the matching items per minister, asker, year (and every other facet the index keeps)");

        api.MapGet("/document", Results<Ok<DocumentView>, ProblemHttpResult> (string? key, CorpusReader corpus) =>
        {
            if (string.IsNullOrEmpty(key) || key.Length > 2000)
            {
                return Problem(new WebProblem(400, "Invalid parameter", "key is the document's key (up to 2000 characters)"));
            }

            return Guard(() => corpus.Document(key)) switch
            {
                (_, { } problem) => Problem(problem),
                ({ } document, _) => TypedResults.Ok(document),
                _ => Problem(new WebProblem(404, "Not found", $"no document with key '{key}'")),
            };
        })
        .WithName("document")
        .WithSummary("One written question by its key: header, items (questions, answers), figures, references");

        api.MapGet("/amounts", async Task<Results<Ok<AmountsResult>, ProblemHttpResult>> (HttpContext context, string? q, decimal? min, decimal? max, int? limit, SearchService search, CancellationToken ct) =>
        {
            if (limit is < 1 or > 1000)
            {
                return Problem(new WebProblem(400, "Invalid parameter", "limit must be between 1 and 1000"));
            }

            if (min > max)
            {
                return Problem(new WebProblem(400, "Invalid parameter", "min is larger than max"));
            }

            var outcome = await search.AmountsAsync(min, max, q, 10_000, ct).ConfigureAwait(false);
            ResponseTiming.Mark(context, outcome);
            return outcome.Problem is null ? TypedResults.Ok(AmountsResult.Of(q, outcome.Value, limit ?? 50)) : Problem(outcome.Problem);
        })
        .WithName("amounts")
        .WithSummary("The largest money amounts (optionally in items matching q, between min and max) and their sums by year");

        api.MapGet("/alerts", Results<Ok<ImmutableArray<SavedSearchView>>, ProblemHttpResult> (CorpusReader corpus) =>
            Guard(() => corpus.SavedSearches()) is var (searches, problem) && problem is null ? TypedResults.Ok(searches) : Problem(problem!))
        .WithName("alerts")
        .WithSummary("The pipeline's saved searches with their number of alerts; each has an Atom feed at /alerts/NAME.atom");
    }

    /// <summary>A yes/no parameter: absent or empty is no; true/1 and false/0 (any case); anything else null.</summary>
    internal static bool? Flag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => null,
    };

    internal static SearchSort? Sort(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "relevance" => SearchSort.Relevance,
        "date" => SearchSort.Date,
        "amount" => SearchSort.Amount,
        _ => null,
    };

    internal static (T? Value, WebProblem? Problem) Guard<T>(Func<T> read)
    {
        try
        {
            return (read(), null);
        }
        catch (QaIngest.Index.IndexUnavailableException e)
        {
            return (default, new WebProblem(503, "Index unavailable", e.Message));
        }
    }

    internal static ProblemHttpResult Problem(WebProblem problem)
    {
        var extensions = new Dictionary<string, object?>();
        if (problem.Position is { } position)
        {
            extensions["position"] = position;
        }

        if (problem.Query is not null)
        {
            extensions["query"] = problem.Query;
        }

        return TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title, extensions: extensions);
    }
}
