using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HtmlAgilityPack;
using QaIngest.Text;

namespace QaIngest.Extract;

/// <summary>
/// Extracts the visible text of an HTML page with its block structure: headings, paragraphs, list
/// items (with their numbers when the browser would draw them), table rows and line breaks each
/// start a new line. Scripts, styles, navigation and hidden elements are left out. A link's target
/// is written after its text when the text does not show it, so URLs and link ids reach the parser,
/// and every target is listed in <see cref="ExtractedText.Links"/>. Pure and thread-safe.
/// </summary>
public static partial class HtmlTextExtractor
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "svg", "canvas", "iframe", "object", "head", "button", "select", "datalist",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
        "caption", "blockquote", "section", "article", "main", "header", "footer", "aside", "address", "figure", "figcaption",
        "hr", "br", "body", "form", "fieldset", "details", "summary",
    };

    /// <summary>Extracts the text of <paramref name="html"/>.</summary>
    public static ExtractedText Extract(string html)
    {
        var document = new HtmlDocument();
        document.LoadHtml(html);
        var root = document.DocumentNode.SelectSingleNode("//body") ?? document.DocumentNode;
        var writer = new Writer();
        Walk(root, writer);
        writer.EndBlock();
        return new ExtractedText
        {
            Text = writer.Paragraphs.Count == 0 ? string.Empty : string.Join("\n\n", writer.Paragraphs) + "\n",
            Format = SourceFormat.Html,
            PageCount = 1,
            Links = [.. writer.Links],
        };
    }

    private static void Walk(HtmlNode node, Writer writer)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child.NodeType)
            {
                case HtmlNodeType.Text:
                    writer.Append(HtmlEntity.DeEntitize(((HtmlTextNode)child).Text));
                    break;
                case HtmlNodeType.Element:
                    WalkElement(child, writer);
                    break;
            }
        }
    }

    private static void WalkElement(HtmlNode element, Writer writer)
    {
        var name = element.Name;
        if (Skipped.Contains(name) || IsHidden(element))
        {
            return;
        }

        if (name is "br")
        {
            writer.EndBlock();
            return;
        }

        if (name is "pre")
        {
            writer.EndBlock();
            foreach (var line in HtmlEntity.DeEntitize(element.InnerText).Split('\n'))
            {
                writer.Append(line);
                writer.EndBlock();
            }

            return;
        }

        var block = Blocks.Contains(name);
        if (block)
        {
            writer.EndBlock();
        }

        if (name is "li")
        {
            writer.PendingLabel = ListLabel(element);
        }
        else if (name is "td" or "th")
        {
            // Cells of a row stay on the row's line, as they do in the PDF rendering.
            writer.Append(" ");
        }

        Walk(element, writer);

        if (name is "a")
        {
            writer.AddLink(element.GetAttributeValue("href", string.Empty).Trim(), element.InnerText);
        }

        if (block)
        {
            writer.EndBlock();
        }
    }

    private static bool IsHidden(HtmlNode element) =>
        element.Attributes.Contains("hidden")
        || element.GetAttributeValue("aria-hidden", string.Empty).Equals("true", StringComparison.OrdinalIgnoreCase)
        || HiddenStyle().IsMatch(element.GetAttributeValue("style", string.Empty))
        || element.GetAttributeValue("role", string.Empty).Equals("navigation", StringComparison.OrdinalIgnoreCase);

    /// <summary>The label a browser would draw before a list item, or null when the text carries its own.</summary>
    private static string? ListLabel(HtmlNode item)
    {
        var list = item.ParentNode;
        if (list is null || OwnLabel().IsMatch(HtmlEntity.DeEntitize(item.InnerText).TrimStart()))
        {
            return null;
        }

        if (list.Name is "ul")
        {
            return "- ";
        }

        if (list.Name is not "ol")
        {
            return null;
        }

        var number = list.GetAttributeValue("start", 1);
        foreach (var sibling in list.Elements("li"))
        {
            number = sibling.GetAttributeValue("value", number);
            if (sibling == item)
            {
                break;
            }

            number++;
        }

        // The corpus writes lettered parts as "a)"; numbers as "1.".
        return list.GetAttributeValue("type", "1") switch
        {
            "a" => $"{Letters(number, 'a')}) ",
            "A" => $"{Letters(number, 'A')}) ",
            "i" => $"{Roman(number).ToLowerInvariant()}) ",
            "I" => $"{Roman(number)}. ",
            _ => $"{number.ToString(CultureInfo.InvariantCulture)}. ",
        };
    }

    private static string Letters(int number, char first)
    {
        var sb = new StringBuilder();
        for (var n = Math.Max(number, 1); n > 0; n = (n - 1) / 26)
        {
            sb.Insert(0, (char)(first + ((n - 1) % 26)));
        }

        return sb.ToString();
    }

    private static string Roman(int number)
    {
        var sb = new StringBuilder();
        foreach (var (value, symbol) in new[] { (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I") })
        {
            for (; number >= value; number -= value)
            {
                sb.Append(symbol);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"^(?:\d{1,3}[.)]|[a-z][.)]|[-–•])\s", RegexOptions.CultureInvariant)]
    private static partial Regex OwnLabel();

    /// <summary>Collects text into paragraphs; white space inside a paragraph is collapsed as a browser does.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _current = new();
        private readonly HashSet<string> _seenLinks = new(StringComparer.Ordinal);

        public List<string> Paragraphs { get; } = [];
        public List<string> Links { get; } = [];
        public string? PendingLabel { get; set; }

        public void Append(string text)
        {
            if (PendingLabel is not null && !string.IsNullOrWhiteSpace(text))
            {
                _current.Append(PendingLabel);
                PendingLabel = null;
            }

            _current.Append(text);
        }

        public void AddLink(string href, string linkText)
        {
            if (href.Length == 0 || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (_seenLinks.Add(href))
            {
                Links.Add(href);
            }

            var shown = LineReader.Collapse(HtmlEntity.DeEntitize(linkText));
            var absolute = href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            if (absolute && !SameTarget(shown, href))
            {
                _current.Append(" (").Append(href).Append(')');
            }
        }

        public void EndBlock()
        {
            var paragraph = LineReader.Collapse(_current.ToString());
            _current.Clear();
            if (paragraph.Length > 0)
            {
                Paragraphs.Add(paragraph);
            }
        }

        private static bool SameTarget(string shown, string href)
        {
            static string Bare(string url) => url.Replace("https://", string.Empty, StringComparison.OrdinalIgnoreCase)
                .Replace("http://", string.Empty, StringComparison.OrdinalIgnoreCase)
                .TrimEnd('/');
            return Bare(shown).Contains(Bare(href), StringComparison.OrdinalIgnoreCase);
        }
    }
}
