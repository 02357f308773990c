using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using QaIngest.Text;

namespace QaIngest.Parse;

/// <summary>
/// Finds the references a written question makes: URLs and the parliament's link ids, annex
/// references ("bijlage 1, tabblad 4"), "Zie antwoord N", other written questions, and the
/// ministers a multi-minister question was sent to. Pure functions of text.
/// </summary>
internal static partial class ReferenceFinder
{
    /// <summary>Every URL in the text, in order, without trailing sentence punctuation.</summary>
    public static IEnumerable<string> Urls(string text)
    {
        foreach (Match m in Url().Matches(text))
        {
            var url = m.Value;
            while (url.Length > 0 && url[^1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or '’' or '”' or ']' or '>'
                   || (url[^1] == ')' && url.Count(c => c == '(') < url.Count(c => c == ')')))
            {
                url = url[..^1];
            }

            if (url.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                url = "https://" + url;
            }

            yield return url;
        }
    }

    /// <summary>The parliament's link id in a URL (<c>link?id=18585</c>), or null.</summary>
    public static int? LinkId(string url)
    {
        var m = LinkIdPattern().Match(url);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>True for a URL of the parliament's document store (permalink or file).</summary>
    public static bool IsParliamentDocumentUrl(string url) => LinkId(url) is not null || url.Contains("pfile?id=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Annex references: "bijlage 1, tabblad 4", "tabblad 2 van bijlage 1", "bijlage 3".</summary>
    public static ImmutableArray<AnnexReference> AnnexReferences(string text)
    {
        var result = new List<AnnexReference>();
        foreach (Match m in AnnexPattern().Matches(text))
        {
            var annex = m.Groups["annex"].Success ? m.Groups["annex"].Value : m.Groups["annex2"].Value;
            var sheet = m.Groups["sheet"].Success ? m.Groups["sheet"].Value : m.Groups["sheet2"].Value;
            var reference = new AnnexReference(
                int.Parse(annex, CultureInfo.InvariantCulture),
                sheet.Length > 0 ? int.Parse(sheet, CultureInfo.InvariantCulture) : null);
            if (!result.Contains(reference))
            {
                result.Add(reference);
            }
        }

        return [.. result];
    }

    /// <summary>The answer this one defers to ("Zie antwoord 2.", "Ik verwijs naar het antwoord op vraag 2"), or null.</summary>
    public static int? SeeAnswer(string text)
    {
        var m = SeeAnswerPattern().Match(text);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>References to other written questions ("schriftelijke vraag nr. 651 van 12 juni 2020").</summary>
    public static IEnumerable<CrossReference> CrossReferences(string text, TextLocation location)
    {
        foreach (Match m in CrossReferencePattern().Matches(text))
        {
            yield return new CrossReference(
                "written question",
                int.Parse(m.Groups["nr"].Value, CultureInfo.InvariantCulture),
                m.Groups["date"].Success ? DutchDate.TryParse(m.Groups["date"].Value) : null,
                location);
        }
    }

    /// <summary>
    /// The ministers named in "Deze vraag werd gesteld aan de ministers Jan Jambon (142), Hilde
    /// Crevits (256), …", each with the number the question got there.
    /// </summary>
    public static ImmutableArray<MinisterAddressee> Ministers(string text)
    {
        var result = new List<MinisterAddressee>();
        foreach (Match sentence in MultiMinisterSentence().Matches(text))
        {
            foreach (Match m in MinisterWithNumber().Matches(sentence.Groups["list"].Value))
            {
                var name = DisplayCase.Name(m.Groups["name"].Value);
                var addressee = new MinisterAddressee(name, int.Parse(m.Groups["nr"].Value, CultureInfo.InvariantCulture));
                if (!result.Contains(addressee))
                {
                    result.Add(addressee);
                }
            }
        }

        return [.. result];
    }

    [GeneratedRegex(@"(?:https?://|(?<![\w@/.])www\.)[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"[?&]id=(\d{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkIdPattern();

    [GeneratedRegex(@"\bbijlage\s+(?<annex>\d{1,3})(?:\s*,\s*(?:tabblad|tab|werkblad|blad)\s+(?<sheet>\d{1,3}))?|\b(?:tabblad|werkblad)\s+(?<sheet2>\d{1,3})\s+(?:van|in)\s+(?:de\s+)?bijlage\s+(?<annex2>\d{1,3})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnnexPattern();

    [GeneratedRegex(@"\b(?:zie|verwijs\s+(?:ik\s+)?naar|verwijzen\s+(?:we\s+)?naar)\s+(?:ook\s+)?(?:het\s+)?antwoord\s+(?:op\s+(?:de\s+)?vraag\s+)?(?:nr\.\s*)?(\d{1,2})\b(?![.,]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeeAnswerPattern();

    [GeneratedRegex(@"\bschriftelijke\s+vra(?:ag|gen)\s+(?:nr\.?|nummer)\s*(?<nr>\d{1,5})(?:\s+van\s+(?<date>" + DutchDate.WrittenPattern + "))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CrossReferencePattern();

    [GeneratedRegex(@"\b(?:Deze|De)\s+vraag\s+werd\s+(?:ook\s+)?(?:gesteld|gericht)\s+aan\s+(?<list>[^.]*(?:\.\s*\w\.[^.]*)*)", RegexOptions.CultureInvariant)]
    private static partial Regex MultiMinisterSentence();

    [GeneratedRegex(@"(?<name>(?:[A-ZÀ-Þ][\p{L}'’\-]*\s+)(?:(?:van|de|den|der|[A-ZÀ-Þ][\p{L}'’\-]*)\s+)*[A-ZÀ-Þ][\p{L}'’\-]*)\s*\((?<nr>\d{1,5})\)", RegexOptions.CultureInvariant)]
    private static partial Regex MinisterWithNumber();
}
