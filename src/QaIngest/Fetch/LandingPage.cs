using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace QaIngest.Fetch;

/// <summary>
/// An HTML landing page of a question, recognised by the document links it names (file-store
/// <c>pfile?id=</c> links); an HTML page without them is a document in its own right. Pure.
/// </summary>
public static partial class LandingPage
{
    /// <summary>The document links on the page, absolute, in page order, without duplicates; empty when it is not a landing page.</summary>
    public static ImmutableArray<Uri> DocumentLinks(ReadOnlySpan<byte> html, Uri pageUrl)
    {
        var text = Encoding.UTF8.GetString(html);
        var links = new List<Uri>();
        foreach (Match match in Href().Matches(text))
        {
            var href = WebUtility.HtmlDecode(match.Groups["url"].Value);
            if (href.Contains("pfile?id=", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(pageUrl, href, out var url)
                && !links.Contains(url))
            {
                links.Add(url);
            }
        }

        return [.. links];
    }

    [GeneratedRegex("""href\s*=\s*(?:"(?<url>[^"]*)"|'(?<url>[^']*)')""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
