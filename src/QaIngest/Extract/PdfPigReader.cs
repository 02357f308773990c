using System.Buffers;
using System.Collections.Immutable;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
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

            pages.Add(new PdfPage(number, page.Width, page.Height, PdfLayoutReader.MergeByBaseline(runs)));
        }

        return pages.ToImmutable();
    }

    private static bool ShowsText(Page page) =>
        page.Operations.Any(o => o is ShowText or ShowTextsWithPositioning or MoveToNextLineShowText or MoveToNextLineShowTextWithSpacing);
}
