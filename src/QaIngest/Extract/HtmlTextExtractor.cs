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

    /// <summary>How HtmlAgilityPack words the error its nesting limit raises.</summary>
    private const string NestedTagsMessage = "nested tags";

    /// <summary>
    /// Extracts the text of <paramref name="html"/>, or fails with a reason when it is nested deeper,
    /// holds more elements or yields more text than <paramref name="limits"/> allow. The walk is a
    /// loop over an explicit stack, so no input depth reaches the call stack; it stops when
    /// <paramref name="cancellationToken"/> is cancelled (the watchdog's time limit).
    /// </summary>
    public static ExtractionResult Extract(string html, ExtractionLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        limits ??= ExtractionLimits.Default;

        // Every element starts with '<', so counting them bounds the object model before it is built.
        var tags = html.AsSpan().Count('<');
        if (tags > limits.MaxHtmlTags)
        {
            return ExtractionResult.Fail(ExtractionFailure.TooLarge, $"document larger than {limits.MaxHtmlTags:N0} tags ({tags:N0})");
        }

        // HtmlAgilityPack's own parser slows with the square of the depth (100,000 unclosed <b><i> took
        // minutes); its limit stops it at the first element past the depth instead.
        var document = new HtmlDocument { OptionMaxNestedChildNodes = limits.MaxNestingDepth };
        try
        {
            document.LoadHtml(html);
        }
        catch (Exception e) when (e.GetType() == typeof(Exception) && e.Message.Contains(NestedTagsMessage, StringComparison.Ordinal))
        {
            return ExtractionResult.Fail(ExtractionFailure.TooDeep, $"nesting deeper than {limits.MaxNestingDepth:N0} elements");
        }

        var root = Body(document.DocumentNode) ?? document.DocumentNode;
        var writer = new Writer(limits.MaxTextCharacters);
        Walk(root, writer, cancellationToken);
        writer.EndBlock();
        if (writer.Overflowed)
        {
            return ExtractionResult.Fail(ExtractionFailure.TooLong, $"text longer than {limits.MaxTextCharacters:N0} characters");
        }

        return ExtractionResult.Ok(new ExtractedText
        {
            Text = writer.Paragraphs.Count == 0 ? string.Empty : string.Join("\n\n", writer.Paragraphs) + "\n",
            Format = SourceFormat.Html,
            PageCount = 1,
            Links = [.. writer.Links],
        });
    }

    /// <summary>The first <c>body</c> element in document order, found without recursion.</summary>
    private static HtmlNode? Body(HtmlNode root)
    {
        var pending = new Stack<HtmlNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            if (node.NodeType == HtmlNodeType.Element && node.Name.Equals("body", StringComparison.OrdinalIgnoreCase))
            {
                return node;
            }

            for (var i = node.ChildNodes.Count - 1; i >= 0; i--)
            {
                pending.Push(node.ChildNodes[i]);
            }
        }

        return null;
    }

    /// <summary>
    /// Writes the children of <paramref name="root"/> in document order. Each element is visited
    /// twice: on entering (block start, list label, then its children are pushed) and on leaving
    /// (link target, block end), which is what the recursion did on its way down and back up.
    /// </summary>
    private static void Walk(HtmlNode root, Writer writer, CancellationToken cancellationToken)
    {
        var pending = new Stack<(HtmlNode Node, bool Leaving)>();
        PushChildren(root, pending);
        var visited = 0;
        while (pending.TryPop(out var frame))
        {
            if ((++visited & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (writer.Overflowed)
            {
                return;
            }

            var (node, leaving) = frame;
            if (leaving)
            {
                Leave(node, writer);
                continue;
            }

            switch (node.NodeType)
            {
                case HtmlNodeType.Text:
                    writer.Append(HtmlEntity.DeEntitize(((HtmlTextNode)node).Text));
                    break;
                case HtmlNodeType.Element when Enter(node, writer):
                    pending.Push((node, true));
                    PushChildren(node, pending);
                    break;
            }
        }
    }

    private static void PushChildren(HtmlNode node, Stack<(HtmlNode Node, bool Leaving)> pending)
    {
        for (var i = node.ChildNodes.Count - 1; i >= 0; i--)
        {
            pending.Push((node.ChildNodes[i], false));
        }
    }

    /// <summary>Starts an element; false when its content is not walked (skipped, hidden, a line break, preformatted).</summary>
    private static bool Enter(HtmlNode element, Writer writer)
    {
        var name = element.Name;
        if (Skipped.Contains(name) || IsHidden(element))
        {
            return false;
        }

        if (name is "br")
        {
            writer.EndBlock();
            return false;
        }

        if (name is "pre")
        {
            writer.EndBlock();
            foreach (var line in HtmlEntity.DeEntitize(element.InnerText).Split('\n'))
            {
                writer.Append(line);
                writer.EndBlock();
            }

            return false;
        }

        if (Blocks.Contains(name))
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

        return true;
    }

    private static void Leave(HtmlNode element, Writer writer)
    {
        if (element.Name is "a")
        {
            writer.AddLink(element.GetAttributeValue("href", string.Empty).Trim(), element.InnerText);
        }

        if (Blocks.Contains(element.Name))
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
    private sealed class Writer(int maxCharacters)
    {
        private readonly StringBuilder _current = new();
        private long _written;
        private readonly HashSet<string> _seenLinks = new(StringComparer.Ordinal);

        public List<string> Paragraphs { get; } = [];
        public List<string> Links { get; } = [];
        public string? PendingLabel { get; set; }

        /// <summary>The text has grown past the limit; the walk stops and the document fails.</summary>
        public bool Overflowed => _written + _current.Length > maxCharacters;

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
                _written += paragraph.Length + 2;
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
