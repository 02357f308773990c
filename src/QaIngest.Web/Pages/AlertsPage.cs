using System.Collections.Immutable;

namespace QaIngest.Web.Pages;

/// <summary>The pipeline's saved searches with links to their Atom feeds and to their results.</summary>
internal static class AlertsPage
{
    public static string Render(Language l, ImmutableArray<SavedSearchView> searches)
    {
        var list = searches.IsEmpty
            ? Html.Of($"<p class=\"none\">{l.T("alerts.none")}</p>")
            : Html.Of($"<ul class=\"saved-searches\">{searches.Select(s => Html.Of($"<li><a href=\"{Layout.Link(l, "/", "q", s.Query)}\">{s.Name}</a> <code>{s.Query}</code> · {l.Number(s.Alerts)} {l.T("alerts.count")} · <a href=\"/alerts/{Uri.EscapeDataString(s.Name)}.atom\" type=\"application/atom+xml\" class=\"feed\">{l.T("alerts.feed")}</a></li>"))}</ul>");
        var main = Html.Of($"<h1>{l.T("alerts.title")}</h1><p>{l.T("alerts.intro")}</p>{list}");
        return Layout.Page(l, l.T("alerts.title"), "/alerts", [], main);
    }
}
