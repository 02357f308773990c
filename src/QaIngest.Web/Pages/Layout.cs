using System.Text;

namespace QaIngest.Web.Pages;

/// <summary>The frame of every page: head, navigation, language switch; and links that keep the chosen language.</summary>
internal static class Layout
{
    public static string Page(Language l, string title, string path, IEnumerable<KeyValuePair<string, string?>> query, Html main)
    {
        var other = l.Code == "en" ? "nl" : "en";
        var switchLink = Link(path, [.. query.Where(p => p.Key != "lang"), new("lang", other)]);
        return Html.Of($"""
            <!DOCTYPE html>
            <html lang="{l.Code}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · {l.T("site")}</title>
            <link rel="stylesheet" href="/static/site.css">
            <script src="/static/site.js" defer></script>
            </head>
            <body>
            <header class="top">
            <a class="brand" href="{Link(l, "/")}">{l.T("site")}</a>
            <nav aria-label="{l.T("site")}">
            <a href="{Link(l, "/")}">{l.T("nav.search")}</a>
            <a href="{Link(l, "/amounts")}">{l.T("nav.amounts")}</a>
            <a href="{Link(l, "/alerts")}">{l.T("nav.alerts")}</a>
            <a href="{Link(l, "/api")}">{l.T("nav.api")}</a>
            <a href="{switchLink}" hreflang="{other}" lang="{other}" id="switch-language">{l.T("other.language")}</a>
            </nav>
            </header>
            <main id="main">
            {main}
            </main>
            <footer><p>{l.T("tagline")}</p></footer>
            </body>
            </html>
            """).Value;
    }

    /// <summary>A site path with query parameters (the language added when the request chose it).</summary>
    public static string Link(Language l, string path, params KeyValuePair<string, string?>[] query) =>
        Link(path, l.Explicit ? [.. query, new("lang", l.Code)] : query);

    public static string Link(Language l, string path, string name, string? value) => Link(l, path, new KeyValuePair<string, string?>(name, value));

    public static string Link(string path, IEnumerable<KeyValuePair<string, string?>> query)
    {
        var sb = new StringBuilder(path);
        var first = true;
        foreach (var (name, value) in query)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            sb.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return sb.ToString();
    }

    public static string DocumentLink(Language l, string key) => Link(l, "/document", "key", key);
}
