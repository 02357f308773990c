namespace QaIngest.Web.Pages;

/// <summary>The largest amounts for a query, as a table, and the amounts by year as a chart.</summary>
internal static class AmountsPage
{
    public static string Render(Language l, string? query, decimal? min, decimal? max, AmountsResult? result, ProblemText? problem)
    {
        var rows = result is null || result.Amounts.IsEmpty
            ? (result is null ? Html.Empty : Html.Of($"<p class=\"none\">{l.T("amounts.none")}</p>"))
            : Html.Of($"""
                <table class="amounts" id="amounts">
                <thead><tr><th scope="col">{l.T("amount")}</th><th scope="col">{l.T("in.text")}</th><th scope="col">{l.T("where")}</th></tr></thead>
                <tbody>{result.Amounts.Select(r => Html.Of($"""
                    <tr><td class="value"><data value="{r.Value}">{l.Amount(r.Value, r.Currency)}{(r.Per is null ? "" : " per " + r.Per)}</data></td>
                    <td><q>{r.Text}</q>{(r.Sentence is null ? Html.Empty : Html.Of($"<p class=\"sentence\">{r.Sentence}</p>"))}</td>
                    <td><a href="{Layout.DocumentLink(l, r.Source)}">{(r.DocumentNumber is { } n ? $"{l.T("nr")} {n}" : r.Source)}</a> {l.T("section." + r.Section)} {r.Number}{(r.Date is { } d ? ", " + l.Date(d) : "")}<br><span class="title">{r.Title}</span></td></tr>
                    """))}</tbody>
                </table>
                """);
        var main = Html.Of($"""
            <h1>{l.T("amounts.title")}</h1>
            <form method="get" action="/amounts" class="search">
            <p class="query-line"><label for="q">{l.T("query")}</label> <input type="search" id="q" name="q" value="{query}" maxlength="500">
            <label for="min">{l.T("amount.from")}</label> <input type="number" id="min" name="min" min="0" step="any" value="{min}">
            <label for="max">{l.T("amount.to")}</label> <input type="number" id="max" name="max" min="0" step="any" value="{max}">
            {(l.Explicit ? Html.Of($"<input type=\"hidden\" name=\"lang\" value=\"{l.Code}\">") : Html.Empty)}
            <button type="submit">{l.T("search")}</button></p>
            </form>
            {(problem is null ? Html.Empty : ProblemText.Render(l, problem))}
            {(result is null ? Html.Empty : AmountChart.Svg(l, result.ByYear, l.T("amounts.chart")))}
            {rows}
            """);
        return Layout.Page(l, l.T("amounts.title"), "/amounts", [new("q", query), new("min", min?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("max", max?.ToString(System.Globalization.CultureInfo.InvariantCulture))], main);
    }
}
