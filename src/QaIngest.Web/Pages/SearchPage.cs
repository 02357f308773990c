using System.Collections.Immutable;
using QaIngest.Search;

namespace QaIngest.Web.Pages;

/// <summary>The search page: the form with its help, the facets as links with counts, the hits with their question, figures and document, paging.</summary>
internal static class SearchPage
{
    public static string Render(Language l, SearchForm form, SearchResults? results, ImmutableArray<HitContext> contexts, int pageSize, ProblemText? problem)
    {
        var main = Html.Of($"""
            <h1>{l.T("site")}</h1>
            {Form(l, form)}
            {(problem is null ? Html.Empty : ProblemText.Render(l, problem))}
            {(results is null ? Html.Empty : Results(l, form, results, contexts, pageSize))}
            """);
        return Layout.Page(l, form.IsEmpty ? l.T("nav.search") : form.Words, "/", [.. form.Parameters(), new("lang", l.Explicit ? l.Code : null)], main);
    }

    private static Html Form(Language l, SearchForm form)
    {
        var sorts = new[] { SearchSort.Relevance, SearchSort.Date, SearchSort.Amount }.Select(s =>
        {
            var value = s.ToString().ToLowerInvariant();
            return s == form.Sort
                ? Html.Of($"<option value=\"{value}\" selected>{l.T("sort." + value)}</option>")
                : Html.Of($"<option value=\"{value}\">{l.T("sort." + value)}</option>");
        });
        var filters = form.Filters.Select(f => Html.Of($"<input type=\"hidden\" name=\"f\" value=\"{f}\">"));
        var active = form.Filters.IsEmpty
            ? Html.Empty
            : Html.Of($"""<ul class="active-filters" aria-label="{l.T("filters")}">{form.Filters.Select(f => Html.Of($"<li>{f} <a href=\"{Layout.Link(l, "/", [.. form.Parameters(page: 1, filters: form.Filters.Remove(f))])}\" aria-label=\"{l.T("remove")} {f}\">×</a></li>"))}</ul>""");
        return Html.Of($"""
            <form method="get" action="/" role="search" class="search">
            <p class="query-line">
            <label for="q">{l.T("query")}</label>
            <input type="search" id="q" name="q" value="{form.Words}" maxlength="500" autofocus>
            <button type="submit" id="search-button">{l.T("search")}</button>
            </p>
            <details class="help"><summary>{l.T("help")}</summary>
            <ul>
            <li>{l.T("help.words")}</li>
            <li>{l.T("help.phrase")}</li>
            <li>{l.T("help.boolean")}</li>
            <li>{l.T("help.prefix")}</li>
            <li>{l.T("help.fields")}</li>
            <li>{l.T("help.amounts")}</li>
            </ul>
            </details>
            <p class="options">
            <label for="min">{l.T("amount.from")}</label> <input type="number" id="min" name="min" min="0" step="any" value="{form.Min}">
            <label for="max">{l.T("amount.to")}</label> <input type="number" id="max" name="max" min="0" step="any" value="{form.Max}">
            <label for="sort">{l.T("sort")}</label> <select id="sort" name="sort" class="autosubmit">{sorts}</select>
            </p>
            {filters}
            {(l.Explicit ? Html.Of($"<input type=\"hidden\" name=\"lang\" value=\"{l.Code}\">") : Html.Empty)}
            </form>
            {active}
            """);
    }

    private static Html Results(Language l, SearchForm form, SearchResults results, ImmutableArray<HitContext> contexts, int pageSize)
    {
        var first = (form.Page - 1) * pageSize;
        var hits = results.Hits.Skip(first).Take(pageSize).ToList();
        var total = Html.Of($"<p class=\"total\" id=\"total\">{(results.TotalIsEstimate ? l.T("about") + " " : "")}{l.Number(results.Total)} {l.T("results")}</p>");
        var window = results.RankedWindow is { } w ? Html.Of($"<p class=\"window\" id=\"window\">{string.Format(System.Globalization.CultureInfo.InvariantCulture, l.T("window"), l.Number(w))}</p>") : Html.Empty;
        var list = hits.Count == 0
            ? Html.Of($"<p class=\"none\">{l.T("no.results")}</p>")
            : Html.Of($"<ol class=\"hits\" start=\"{first + 1}\">{hits.Select((h, i) => Hit(l, h, contexts.Length > first + i ? contexts[first + i] : new HitContext(null, null, null)))}</ol>");
        var pages = Pager(l, form, results, pageSize);
        var json = Layout.Link("/api/search", [new("q", form.Query), new("sort", form.Sort.ToString().ToLowerInvariant()), new("limit", Math.Min(1000, form.Page * pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("facets", "true")]);
        return Html.Of($"""
            <div class="results">
            <aside class="facets" aria-label="{l.T("filters")}">{Facets(l, form, results)}</aside>
            <section class="hits-section" aria-labelledby="total">
            {total}
            {window}
            {list}
            {pages}
            <p class="json"><a href="{json}" id="api-link" type="application/json">{l.T("as.json")}</a></p>
            </section>
            </div>
            """);
    }

    private static Html Facets(Language l, SearchForm form, SearchResults results) =>
        Html.Join(results.Facets.OrderBy(f => FacetOrder(f.Key)).ThenBy(f => f.Key, StringComparer.Ordinal).Where(f => !f.Value.IsDefaultOrEmpty).Select(facet =>
        {
            var label = UiTexts.Has("facet." + facet.Key) ? l.T("facet." + facet.Key) : facet.Key;
            var values = facet.Value.Select(v =>
            {
                var filter = $"{facet.Key}:{v.Value}";
                if (SearchForm.FilterField(facet.Key) is null)
                {
                    // A facet the query language cannot filter by is counted, not linked.
                    return Html.Of($"<li>{v.Value} <span class=\"count\">{l.Number(v.Count)}</span></li>");
                }

                if (form.Filters.Contains(filter))
                {
                    return Html.Of($"<li class=\"chosen\">{v.Value} <span class=\"count\">{l.Number(v.Count)}</span></li>");
                }

                var link = Layout.Link(l, "/", [.. form.Parameters(page: 1, filters: form.Filters.Add(filter))]);
                return Html.Of($"<li><a href=\"{link}\" data-facet=\"{facet.Key}\">{v.Value}</a> <span class=\"count\">{l.Number(v.Count)}</span></li>");
            });
            return Html.Of($"<section class=\"facet\" data-facet=\"{facet.Key}\"><h2>{label}</h2><ul>{values}</ul></section>");
        }));

    private static int FacetOrder(string name) => name switch
    {
        "minister" => 0,
        "asker" => 1,
        "year" => 2,
        "section" => 3,
        "answerKind" => 4,
        "theme" => 5,
        _ => 6,
    };

    private static Html Hit(Language l, SearchHit hit, HitContext context)
    {
        var section = l.T("section." + hit.Section);
        var what = hit.Number is { } n ? $"{section} {n}" : section;
        var document = hit.DocumentNumber is { } number ? $"{l.T("nr")} {number}" : Path.GetFileName(hit.Source);
        var meta = new List<Html> { Html.Of($"<span class=\"number\">{document}</span>") };
        if (hit.Date is { } date)
        {
            meta.Add(Html.Of($"<time datetime=\"{date:yyyy-MM-dd}\">{l.Date(date)}</time>"));
        }

        if (hit.Asker is not null)
        {
            meta.Add(Html.Of($"<span class=\"asker\">{l.T("by")} {hit.Asker}</span>"));
        }

        if (hit.Minister is not null)
        {
            meta.Add(Html.Of($"<span class=\"minister\">{l.T("to")} {hit.Minister}</span>"));
        }

        if (context.Key is { } key)
        {
            meta.Add(Html.Of($"<a class=\"document-link\" href=\"{Layout.DocumentLink(l, key)}\">{l.T("document")}</a>"));
        }

        if (Uri.TryCreate(hit.Source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            meta.Add(Html.Of($"<a class=\"parliament\" href=\"{url.AbsoluteUri}\" rel=\"noopener noreferrer\">{l.T("parliament")}</a>"));
        }

        var question = context.QuestionText is { } text
            ? Html.Of($"<div class=\"asked\"><h4>{l.T("answers.question")} {context.QuestionNumber}</h4><p>{text}</p></div>")
            : Html.Empty;
        return Html.Of($"""
            <li class="hit" data-section="{hit.Section}" data-number="{hit.Number}" data-document="{hit.DocumentNumber}">
            <h3 class="hit-title">{what} · {document} · {hit.Title}</h3>
            <div class="pair">
            <div class="answer"><p class="snippet">{TextMarkup.Snippet(hit.Snippet)}</p>{TextMarkup.Figures(l, hit.Figures)}</div>
            {question}
            </div>
            <p class="meta">{Html.Join(meta.SelectMany((m, i) => i == 0 ? [m] : new[] { Html.Trusted(" · "), m }))}</p>
            </li>
            """);
    }

    private static Html Pager(Language l, SearchForm form, SearchResults results, int pageSize)
    {
        var last = (int)Math.Min(SearchForm.MaxPage, Math.Min(1000 / pageSize, Math.Ceiling(results.Total / (double)pageSize)));
        if (last <= 1)
        {
            return Html.Empty;
        }

        var previous = form.Page > 1 ? Html.Of($"<a rel=\"prev\" id=\"previous\" href=\"{Layout.Link(l, "/", [.. form.Parameters(page: form.Page - 1)])}\">{l.T("previous")}</a>") : Html.Empty;
        var next = form.Page < last ? Html.Of($"<a rel=\"next\" id=\"next\" href=\"{Layout.Link(l, "/", [.. form.Parameters(page: form.Page + 1)])}\">{l.T("next")}</a>") : Html.Empty;
        return Html.Of($"<nav class=\"pager\" aria-label=\"{l.T("page")}\">{previous} <span>{l.T("page")} {form.Page} / {last}</span> {next}</nav>");
    }
}
