using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QaIngest.Search;
using QaIngest.Web.Pages;

namespace QaIngest.Web;

/// <summary>The HTML pages: search, document, amounts, saved searches and their Atom feeds, the API overview, and the compiled-in stylesheet and script.</summary>
internal static class PageEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    public static void Map(WebApplication app)
    {
        app.MapGet("/", async (HttpContext context, HttpRequest request, SearchService search, CorpusReader corpus, ServeOptions options, CancellationToken ct) =>
        {
            var l = Language.Of(request);
            var (form, error) = SearchForm.From(request.Query);
            if (form is null)
            {
                var empty = new SearchForm(request.Query["q"].ToString(), [], null, null, SearchSort.Relevance, 1);
                return Page(SearchPage.Render(l, empty, null, [], options.PageSize, new ProblemText("bad.query", error!, null, null)), 400);
            }

            if (form.IsEmpty)
            {
                return Page(SearchPage.Render(l, form, null, [], options.PageSize, null));
            }

            var request_ = new SearchRequest(form.Query) { Limit = Math.Min(1000, form.Page * options.PageSize), Sort = form.Sort, Facets = true };
            var outcome = await search.SearchAsync(request_, ct).ConfigureAwait(false);
            ResponseTiming.Mark(context, outcome);
            if (outcome is not { Problem: null, Value: { } results })
            {
                return Page(SearchPage.Render(l, form, null, [], options.PageSize, Text(outcome.Problem!)), outcome.Problem!.Status);
            }

            var clock = Stopwatch.StartNew();
            var shown = results.Hits.Skip((form.Page - 1) * options.PageSize).Take(options.PageSize).ToList();
            var (contexts, contextProblem) = ApiEndpoints.Guard(() => corpus.Contexts(shown));
            ResponseTiming.Add(context, "context", clock.Elapsed.TotalMilliseconds);
            if (contextProblem is not null)
            {
                return Page(SearchPage.Render(l, form, null, [], options.PageSize, Text(contextProblem)), contextProblem.Status);
            }

            // The page's contexts line up with the hits of this page only.
            clock.Restart();
            var aligned = Enumerable.Repeat(new HitContext(null, null, null), (form.Page - 1) * options.PageSize).Concat(contexts).ToImmutableArray();
            var html = SearchPage.Render(l, form, results, aligned, options.PageSize, null);
            ResponseTiming.Add(context, "render", clock.Elapsed.TotalMilliseconds);
            return Page(html);
        }).ExcludeFromDescription();

        app.MapGet("/document", (HttpRequest request, string? key, CorpusReader corpus) =>
        {
            var l = Language.Of(request);
            if (string.IsNullOrEmpty(key) || key.Length > 2000)
            {
                return NotFound(l);
            }

            var (document, problem) = ApiEndpoints.Guard(() => corpus.Document(key));
            if (problem is not null)
            {
                return Page(Layout.Page(l, l.T("error"), "/document", [], ProblemText.Render(l, Text(problem))), problem.Status);
            }

            return document is null ? NotFound(l) : Page(DocumentPage.Render(l, document));
        }).ExcludeFromDescription();

        app.MapGet("/amounts", async (HttpContext context, HttpRequest request, SearchService search, CancellationToken ct) =>
        {
            var l = Language.Of(request);
            var query = request.Query["q"].ToString().Trim();
            var min = Decimal(request.Query["min"].ToString());
            var max = Decimal(request.Query["max"].ToString());
            if (min.Bad || max.Bad || min.Value > max.Value)
            {
                return Page(AmountsPage.Render(l, query, null, null, null, new ProblemText("bad.query", "min and max are amounts such as 1000000, min not above max", null, null)), 400);
            }

            var outcome = await search.AmountsAsync(min.Value, max.Value, query, 10_000, ct).ConfigureAwait(false);
            ResponseTiming.Mark(context, outcome);
            return outcome.Problem is null
                ? Page(AmountsPage.Render(l, query, min.Value, max.Value, AmountsResult.Of(query, outcome.Value, 50), null))
                : Page(AmountsPage.Render(l, query, min.Value, max.Value, null, Text(outcome.Problem)), outcome.Problem.Status);
        }).ExcludeFromDescription();

        app.MapGet("/alerts", (HttpRequest request, CorpusReader corpus) =>
        {
            var l = Language.Of(request);
            var (searches, problem) = ApiEndpoints.Guard(() => corpus.SavedSearches());
            return problem is null
                ? Page(AlertsPage.Render(l, searches))
                : Page(Layout.Page(l, l.T("error"), "/alerts", [], ProblemText.Render(l, Text(problem))), problem.Status);
        }).ExcludeFromDescription();

        app.MapGet("/alerts/{name}.atom", (HttpRequest request, string name, CorpusReader corpus) =>
        {
            var (alerts, problem) = ApiEndpoints.Guard(() => corpus.Alerts(name, 200));
            if (problem is not null)
            {
                return ApiEndpoints.Problem(problem);
            }

            if (alerts is not { } found)
            {
                return ApiEndpoints.Problem(new WebProblem(404, "Not found", $"no saved search '{name}' has alerted"));
            }

            var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
            return Results.Text(AtomFeed.Of(name, baseUrl, found), "application/atom+xml; charset=utf-8");
        }).WithTags("alerts").WithName("alertFeed").WithSummary("A saved search's alerts as an Atom feed (newest 200)");

        app.MapGet("/api", (HttpRequest request) => Page(ApiPage.Render(Language.Of(request)))).ExcludeFromDescription();
        app.MapGet("/static/site.css", () => Results.Text(StaticAssets.Css, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/favicon.ico", () => Results.NoContent()).ExcludeFromDescription();
        app.MapGet("/static/site.js", () => Results.Text(StaticAssets.Script, "text/javascript; charset=utf-8")).ExcludeFromDescription();
    }

    private static IResult Page(string html, int status = 200) => Results.Content(html, HtmlType, statusCode: status);

    private static IResult NotFound(Language l) =>
        Page(Layout.Page(l, l.T("not.found"), "/document", [], Html.Of($"<h1>{l.T("not.found")}</h1><p>{l.T("no.document")}</p>")), 404);

    private static ProblemText Text(WebProblem problem) => new(problem.Status switch
    {
        503 when problem.Title.StartsWith("Query", StringComparison.Ordinal) => "slow",
        503 => "unavailable",
        _ => "bad.query",
    }, problem.Detail, problem.Position, problem.Query);

    private static (decimal? Value, bool Bad) Decimal(string text) =>
        text.Trim().Length == 0 ? (null, false)
        : decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? (value, false) : (null, true);
}
