namespace QaIngest.Web.Pages;

/// <summary>A browsable list of the HTTP API's endpoints with example calls; the OpenAPI document describes them fully.</summary>
internal static class ApiPage
{
    private static readonly (string Path, string Nl, string En)[] Endpoints =
    [
        ("/api/search?q=RIZIV%20VDAB%202021&limit=10&sort=relevance&facets=true", "Zoeken: dezelfde parameters en JSON als qaingest search --format json (q, limit, sort, facets, compounds).", "Search: the same parameters and JSON as qaingest search --format json (q, limit, sort, facets, compounds)."),
        ("/api/facets?q=VDAB", "Facetten (minister, vraagsteller, jaar, ...) met aantallen voor een zoekvraag.", "Facets (minister, asker, year, ...) with counts for a query."),
        ("/api/document?key=seeds%2F001_98b0514b58b8ebbf.txt", "Eén document per sleutel: kop, vragen, antwoorden, cijfers, verwijzingen.", "One document by key: header, questions, answers, figures, references."),
        ("/api/amounts?q=VDAB&min=1000000&limit=20", "De grootste bedragen voor een zoekvraag en de bedragen per jaar.", "The largest amounts for a query and the amounts by year."),
        ("/api/alerts", "De bewaarde zoekopdrachten met hun meldingen (feeds: /alerts/NAAM.atom).", "The saved searches with their alerts (feeds: /alerts/NAME.atom)."),
        ("/openapi/v1.json", "De OpenAPI-beschrijving van deze API.", "The OpenAPI description of this API."),
    ];

    public static string Render(Language l)
    {
        var main = Html.Of($"""
            <h1>{l.T("api.title")}</h1>
            <p>{(l.Code == "en" ? "JSON in camelCase; errors as RFC 7807 problem details (application/problem+json) with the position of a query error." : "JSON in camelCase; fouten als RFC 7807 problem details (application/problem+json) met de plaats van een fout in de zoekvraag.")}</p>
            <dl class="endpoints">{Endpoints.Select(e => Html.Of($"<dt><a href=\"{e.Path}\"><code>GET {Uri.UnescapeDataString(e.Path)}</code></a></dt><dd>{(l.Code == "en" ? e.En : e.Nl)}</dd>"))}</dl>
            """);
        return Layout.Page(l, l.T("api.title"), "/api", [], main);
    }
}
