using System.Collections.Immutable;
using System.Globalization;
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
        var document = new HtmlDocument();
        document.LoadHtml(xhtml);
        var pages = ImmutableArray.CreateBuilder<PdfPage>();
        foreach (var page in document.DocumentNode.Descendants("page"))
        {
            var pieces = new List<ImmutableArray<PdfWord>>();
            foreach (var line in page.Descendants("line"))
            {
                var words = line.Elements("word").Select(ReadWord).Where(w => w.Text.Length > 0).ToImmutableArray();
                if (words.Length > 0)
                {
                    pieces.Add(words);
                }
            }

            pages.Add(new PdfPage(
                pages.Count + 1,
                Number(page, "width"),
                Number(page, "height"),
                MergeByBaseline(pieces)));
        }

        return pages.ToImmutable();
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

    private static PdfWord ReadWord(HtmlNode node) => new(
        CleanWord(HtmlEntity.DeEntitize(node.InnerText)),
        Number(node, "xMin"),
        Number(node, "yMin"),
        Number(node, "xMax"),
        Number(node, "yMax"));

    private static string CleanWord(string text)
    {
        text = text.Trim();
        // Typographic ligatures come out as single code points from some fonts; the corpus searches letters.
        return text.IndexOfAny(['\uFB00', '\uFB01', '\uFB02', '\uFB03', '\uFB04', '\uFB05', '\uFB06']) < 0
            ? text
            : text.Normalize(System.Text.NormalizationForm.FormKC);
    }

    private static double Number(HtmlNode node, string attribute) =>
        double.TryParse(node.GetAttributeValue(attribute, "0"), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
