using System.Buffers;
using System.Collections.Immutable;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics.Operations.TextShowing;

namespace QaIngest.Extract;

/// <summary>
/// The adapter between PdfPig and the extraction records: opens a PDF in process, turns each
/// page's letters into <see cref="PdfGlyph"/>s (loose boxes, y flipped from PdfPig's upward axis to
/// poppler's downward one, x from the page box's left edge) and hands them to
/// <see cref="PdfWordBuilder"/> and <see cref="PdfLayoutReader.MergeByBaseline"/>, so the same
/// <see cref="PdfPage"/>s reach <see cref="PdfParagraphBuilder"/> whichever engine read them.
/// Throws PdfPig's exceptions; <see cref="PdfTextExtractor"/> turns them into reasons.
/// </summary>
internal static class PdfPigReader
{
    /// <summary>
    /// Reads every page. <paramref name="pagesWithUnreadText"/> counts pages whose content shows text
    /// but where PdfPig found no letter (a font it cannot decode), the sign that another engine may do better.
    /// </summary>
    public static ImmutableArray<PdfPage> Read(byte[] pdf, Action<int>? beforePage, out int pagesWithUnreadText)
    {
        // Lenient parsing reads the small damage real files carry (a wrong xref offset) as poppler does;
        // the empty user password is tried by PdfPig itself, so such encrypted files open. A font PdfPig
        // cannot load costs the text drawn in it, not the document: the page then shows text without
        // letters, which is counted below and sends the document to poppler when it is installed.
        using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var pages = ImmutableArray.CreateBuilder<PdfPage>(document.NumberOfPages);
        pagesWithUnreadText = 0;
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            beforePage?.Invoke(number);
            var page = document.GetPage(number);
            var box = page.MediaBox.Bounds;
            var left = Math.Min(box.Left, box.Right);
            var top = Math.Max(box.Top, box.Bottom);
            var letters = page.Letters;

            // A page's glyphs take a few hundred KB: a pooled buffer keeps them off the large-object
            // heap, whose collections otherwise cost more than the words are worth.
            var glyphs = ArrayPool<PdfGlyph>.Shared.Rent(Math.Max(letters.Count, 1));
            List<ImmutableArray<PdfWord>> runs;
            try
            {
                for (var i = 0; i < letters.Count; i++)
                {
                    var letter = letters[i];
                    var r = letter.GlyphRectangleLoose;
                    glyphs[i] = new PdfGlyph(
                        letter.Value,
                        Math.Min(r.Left, r.Right) - left,
                        top - Math.Max(r.Top, r.Bottom),
                        Math.Max(r.Left, r.Right) - left,
                        top - Math.Min(r.Top, r.Bottom),
                        top - letter.StartBaseLine.Y,
                        letter.PointSize,
                        letter.TextOrientation == TextOrientation.Horizontal);
                }

                runs = PdfWordBuilder.Build(glyphs.AsSpan(0, letters.Count));
            }
            finally
            {
                // The strings they point to are released with the page.
                ArrayPool<PdfGlyph>.Shared.Return(glyphs, clearArray: true);
            }

            if (letters.Count == 0 && ShowsText(page))
            {
                pagesWithUnreadText++;
            }

            pages.Add(new PdfPage(number, page.Width, page.Height, PdfLayoutReader.MergeByBaseline(runs)) { Rules = Rules(page, left, top) });
        }

        return pages.ToImmutable();
    }

    /// <summary>
    /// The page's ruling lines: the straight horizontal and vertical segments of stroked paths and the thin
    /// filled rectangles (LibreOffice and Word draw cell borders either way), flipped like the glyphs.
    /// Curves, clipping paths and filled areas wider than a rule are left out.
    /// </summary>
    private static ImmutableArray<PdfRule> Rules(Page page, double left, double top)
    {
        const double Thin = 2.5;     // points: a filled rectangle this narrow is a line
        const double Straight = 0.5; // points: the tolerance for horizontal or vertical
        var rules = ImmutableArray.CreateBuilder<PdfRule>();
        void Add(double x0, double y0, double x1, double y1)
        {
            var (xa, xb) = (Math.Min(x0, x1) - left, Math.Max(x0, x1) - left);
            var (ya, yb) = (top - Math.Max(y0, y1), top - Math.Min(y0, y1));
            if (xb - xa <= Thin && yb - ya > Thin)
            {
                rules.Add(new PdfRule(true, (xa + xb) / 2, ya, yb));
            }
            else if (yb - ya <= Thin && xb - xa > Thin)
            {
                rules.Add(new PdfRule(false, (ya + yb) / 2, xa, xb));
            }
        }

        foreach (var path in page.Paths)
        {
            if (path.IsClipping)
            {
                continue;
            }

            foreach (var subpath in path)
            {
                if (path.IsFilled && subpath.GetBoundingRectangle() is { } box)
                {
                    Add(box.Left, box.Bottom, box.Right, box.Top);
                }

                if (!path.IsStroked)
                {
                    continue;
                }

                foreach (var command in subpath.Commands)
                {
                    if (command is PdfSubpath.Line line
                        && (Math.Abs(line.From.X - line.To.X) <= Straight || Math.Abs(line.From.Y - line.To.Y) <= Straight))
                    {
                        Add(line.From.X, line.From.Y, line.To.X, line.To.Y);
                    }
                }
            }
        }

        return rules.ToImmutable();
    }

    private static bool ShowsText(Page page) =>
        page.Operations.Any(o => o is ShowText or ShowTextsWithPositioning or MoveToNextLineShowText or MoveToNextLineShowTextWithSpacing);
}
