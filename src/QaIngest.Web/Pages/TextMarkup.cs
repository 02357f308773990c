using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace QaIngest.Web.Pages;

/// <summary>Document text as HTML: encoded, in paragraphs, with its web addresses and references to other written questions as links, and a snippet's «marks» highlighted.</summary>
internal static partial class TextMarkup
{
    [GeneratedRegex(@"https?://[^\s<>""»«]+[^\s<>""»«.,;:)]", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    /// <summary>Paragraphs of a text; <paramref name="references"/> gives the document key of a question number named in it.</summary>
    public static Html Paragraphs(Language l, string text, IReadOnlyDictionary<int, string>? references = null)
    {
        var paragraphs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Html.Join(paragraphs.Select(p => Html.Of($"<p>{Linked(l, p, references)}</p>")));
    }

    private static Html Linked(Language l, string text, IReadOnlyDictionary<int, string>? references)
    {
        var parts = new List<Html>();
        var at = 0;
        var matches = Address().Matches(text).Cast<Match>()
            .Concat(references is null ? [] : CorpusReader.QuestionReference().Matches(text).Cast<Match>())
            .OrderBy(m => m.Index).ToList();
        foreach (var match in matches)
        {
            if (match.Index < at)
            {
                continue;
            }

            parts.Add(Html.Text(text[at..match.Index]));
            if (match.Value.StartsWith("http", StringComparison.Ordinal))
            {
                parts.Add(Html.Of($"<a href=\"{match.Value}\" rel=\"noopener noreferrer nofollow\">{match.Value}</a>"));
            }
            else if (references!.TryGetValue(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), out var key))
            {
                parts.Add(Html.Of($"<a href=\"{Layout.DocumentLink(l, key)}\" class=\"reference\">{match.Value}</a>"));
            }
            else
            {
                parts.Add(Html.Text(match.Value));
            }

            at = match.Index + match.Length;
        }

        parts.Add(Html.Text(text[at..]));
        return Html.Join(parts);
    }

    /// <summary>A snippet whose matched words are marked «thus», with those words in &lt;mark&gt;.</summary>
    public static Html Snippet(string snippet)
    {
        var parts = new List<Html>();
        var at = 0;
        while (at < snippet.Length)
        {
            var open = snippet.IndexOf('«', at);
            var close = open < 0 ? -1 : snippet.IndexOf('»', open + 1);
            if (open < 0 || close < 0)
            {
                parts.Add(Html.Text(snippet[at..]));
                break;
            }

            parts.Add(Html.Text(snippet[at..open]));
            parts.Add(Html.Of($"<mark>{snippet[(open + 1)..close]}</mark>"));
            at = close + 1;
        }

        return Html.Join(parts);
    }

    /// <summary>A figure for people: "EUR 24.000.000", "EUR 4.800 per traject", "5.000 trajecten".</summary>
    public static string Figure(Language l, QaIngest.Search.HitFigure f) =>
        f.Kind == "percentage"
            ? l.Number(f.Value) + " %"
            : l.Amount(f.Value, f.Currency) + (f.Per is null ? "" : $" per {f.Per}") + (f.Unit is null || f.Kind is "money" or "rate" ? "" : $" {f.Unit}");

    public static Html Figures(Language l, ImmutableArray<QaIngest.Search.HitFigure> figures) =>
        figures.IsDefaultOrEmpty
            ? Html.Empty
            : Html.Of($"<ul class=\"figures\" aria-label=\"{l.T("figures")}\">{figures.Select(f => Html.Of($"<li class=\"figure figure-{f.Kind}\"><data value=\"{f.Value}\">{Figure(l, f)}</data> <q>{f.Text}</q></li>"))}</ul>");
}
