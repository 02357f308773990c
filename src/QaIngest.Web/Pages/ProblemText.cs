namespace QaIngest.Web.Pages;

/// <summary>What went wrong with a request, for a page: a title key, the reason, and the character of the query it is at.</summary>
internal sealed record ProblemText(string TitleKey, string Detail, int? Position, string? Query)
{
    public static Html Render(Language l, ProblemText problem)
    {
        var marker = problem is { Position: { } p, Query: { } q } && p <= q.Length
            ? Html.Of($"<pre class=\"position\"><code>{q}\n{new string(' ', p)}^ {l.T("at.character")} {p + 1}</code></pre>")
            : Html.Empty;
        return Html.Of($"<div class=\"problem\" role=\"alert\" id=\"problem\"><h2>{l.T(problem.TitleKey)}</h2><p>{problem.Detail}</p>{marker}</div>");
    }
}
