using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Xml;
using HtmlAgilityPack;

namespace QaIngest.Extract;

/// <summary>
/// Reads the XHTML that <c>pdftotext -bbox-layout</c> writes into pages of visual lines. poppler's
/// own flows and blocks are not trusted for reading order: it splits one justified line into
/// several "lines" and files a list label in a block apart from its text, so words are regrouped
/// by baseline here. Pure and thread-safe.
/// </summary>
public static class PdfLayoutReader
{
    /// <summary>Returns the pages in document order; a page without text has no lines.</summary>
    public static ImmutableArray<PdfPage> Read(string xhtml)
    {
        // pdftotext writes one regular XHTML shape, which a span scanner reads fastest; anything else
        // goes to a streaming XmlReader (6× faster than building HtmlAgilityPack's tree), and what
        // is not even XML to HtmlAgilityPack.
        if (PdfBboxScanner.TryRead(xhtml, out var scanned))
        {
            return [.. scanned.Select((p, i) => new PdfPage(i + 1, p.Width, p.Height, MergeByBaseline(p.Pieces)))];
        }

        try
        {
            return ReadXml(xhtml);
        }
        catch (XmlException)
        {
            return ReadHtml(xhtml);
        }
    }

    internal static ImmutableArray<PdfPage> ReadXml(string xhtml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreComments = true, IgnoreWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xhtml), settings);
        var pages = ImmutableArray.CreateBuilder<PdfPage>();
        List<ImmutableArray<PdfWord>>? pieces = null;
        ImmutableArray<PdfWord>.Builder? words = null;
        double width = 0, height = 0;
        var advanced = false;
        while (advanced || reader.Read())
        {
            advanced = false;
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "page":
                        width = Number(reader.GetAttribute("width"));
                        height = Number(reader.GetAttribute("height"));
                        pieces = [];
                        if (reader.IsEmptyElement)
                        {
                            pages.Add(new PdfPage(pages.Count + 1, width, height, []));
                            pieces = null;
                        }

                        break;
                    case "line":
                        words = ImmutableArray.CreateBuilder<PdfWord>();
                        break;
                    case "word" when words is not null:
                        var (xMin, yMin, xMax, yMax) = (Number(reader.GetAttribute("xMin")), Number(reader.GetAttribute("yMin")), Number(reader.GetAttribute("xMax")), Number(reader.GetAttribute("yMax")));
                        var empty = reader.IsEmptyElement;
                        var text = empty ? string.Empty : reader.ReadElementContentAsString();

                        // Reading the content moved the reader past </word>, onto the next node.
                        advanced = !empty;
                        if (CleanWord(text) is { Length: > 0 } clean)
                        {
                            words.Add(new PdfWord(clean, xMin, yMin, xMax, yMax));
                        }

                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                switch (reader.LocalName)
                {
                    case "line" when words is not null:
                        if (words.Count > 0)
                        {
                            pieces?.Add(words.ToImmutable());
                        }

                        words = null;
                        break;
                    case "page" when pieces is not null:
                        pages.Add(new PdfPage(pages.Count + 1, width, height, MergeByBaseline(pieces)));
                        pieces = null;
                        break;
                }
            }
        }

        return pages.ToImmutable();
    }

    internal static ImmutableArray<PdfPage> ReadHtml(string xhtml)
    {
        var document = new HtmlDocument();
        document.LoadHtml(xhtml);
        var pages = ImmutableArray.CreateBuilder<PdfPage>();
        foreach (var page in Find(document.DocumentNode, "page"))
        {
            var pieces = new List<ImmutableArray<PdfWord>>();
            foreach (var line in Find(page, "line"))
            {
                var words = ImmutableArray.CreateBuilder<PdfWord>();
                foreach (var node in line.ChildNodes)
                {
                    if (node.NodeType == HtmlNodeType.Element && node.Name == "word" && ReadWord(node) is { Text.Length: > 0 } word)
                    {
                        words.Add(word);
                    }
                }

                if (words.Count > 0)
                {
                    pieces.Add(words.ToImmutable());
                }
            }

            pages.Add(new PdfPage(
                pages.Count + 1,
                Number(page.GetAttributeValue("width", "0")),
                Number(page.GetAttributeValue("height", "0")),
                MergeByBaseline(pieces)));
        }

        return pages.ToImmutable();
    }

    /// <summary>
    /// The elements named <paramref name="name"/> under <paramref name="root"/>, in document order,
    /// without looking inside them. An explicit stack: HtmlAgilityPack's recursive Descendants()
    /// costs more than the rest of the reading on a long document.
    /// </summary>
    private static IEnumerable<HtmlNode> Find(HtmlNode root, string name)
    {
        var stack = new Stack<HtmlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node != root && node.Name == name)
            {
                yield return node;
                continue;
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                if (child.NodeType is HtmlNodeType.Element or HtmlNodeType.Document)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Puts line pieces that share a baseline back into one line, top to bottom.</summary>
    internal static ImmutableArray<PdfLine> MergeByBaseline(IReadOnlyList<ImmutableArray<PdfWord>> pieces)
    {
        var ordered = pieces
            .Select(p => (Words: p, Top: p.Min(w => w.YMin), Bottom: p.Max(w => w.YMax)))
            .OrderBy(p => (p.Top + p.Bottom) / 2)
            .ToList();

        var lines = ImmutableArray.CreateBuilder<PdfLine>();
        var current = new List<PdfWord>();
        double top = 0, bottom = 0;
        foreach (var piece in ordered)
        {
            var middle = (piece.Top + piece.Bottom) / 2;
            if (current.Count > 0 && middle > top && middle < bottom)
            {
                current.AddRange(piece.Words);
                top = Math.Min(top, piece.Top);
                bottom = Math.Max(bottom, piece.Bottom);
                continue;
            }

            if (current.Count > 0)
            {
                lines.Add(new PdfLine([.. current.OrderBy(w => w.XMin)]));
            }

            current = [.. piece.Words];
            top = piece.Top;
            bottom = piece.Bottom;
        }

        if (current.Count > 0)
        {
            lines.Add(new PdfLine([.. current.OrderBy(w => w.XMin)]));
        }

        return lines.ToImmutable();
    }

    private static PdfWord ReadWord(HtmlNode node)
    {
        double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
        foreach (var attribute in node.Attributes)
        {
            switch (attribute.Name)
            {
                case "xmin": xMin = Number(attribute.Value); break;
                case "ymin": yMin = Number(attribute.Value); break;
                case "xmax": xMax = Number(attribute.Value); break;
                case "ymax": yMax = Number(attribute.Value); break;
            }
        }

        // A word holds one text node; entities (&amp; &lt; &apos;) are the only markup in it.
        var raw = node.FirstChild is { NodeType: HtmlNodeType.Text } text && text.NextSibling is null ? ((HtmlTextNode)text).Text : node.InnerText;
        return new PdfWord(CleanWord(raw.Contains('&') ? HtmlEntity.DeEntitize(raw) : raw), xMin, yMin, xMax, yMax);
    }

    /// <summary>The word through the same character table PdfPig's words pass (<see cref="PdfCharacters"/>).</summary>
    internal static string CleanWord(string text) => PdfCharacters.Normalise(text);

    private static double Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
