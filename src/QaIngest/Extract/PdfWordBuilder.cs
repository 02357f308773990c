using System.Collections.Immutable;
using System.Text;

namespace QaIngest.Extract;

/// <summary>
/// Builds words from glyphs in drawing order, and runs of words on one baseline from the words. A
/// word ends at a space character and at any gap wider than <see cref="GapShare"/> of the font
/// size: a PDF often draws no space at all, only moves on (a list label "10." set against its
/// text by a tab, a justified line spreading its words), and PdfPig's own word grouping glues such
/// neighbours ("10.Beschikt"). Pure and thread-safe.
/// </summary>
internal static class PdfWordBuilder
{
    /// <summary>A gap wider than this share of the font size separates two words; kerning and letter spacing stay far below it.</summary>
    public const double GapShare = 0.1;

    /// <summary>Returns the runs of words that share a baseline, in drawing order, for <see cref="PdfLayoutReader.MergeByBaseline"/>.</summary>
    public static List<ImmutableArray<PdfWord>> Build(ReadOnlySpan<PdfGlyph> glyphs)
    {
        var runs = new List<ImmutableArray<PdfWord>>();
        var run = ImmutableArray.CreateBuilder<PdfWord>();
        var text = new StringBuilder();
        PdfGlyph? first = null, last = null;
        double top = 0, bottom = 0;

        void EndWord()
        {
            if (first is { } f && last is { } l && PdfCharacters.Normalise(text.ToString()) is { Length: > 0 } word)
            {
                run.Add(new PdfWord(word, f.XMin, top, l.XMax, bottom));
            }

            text.Clear();
            first = null;
        }

        void EndRun()
        {
            EndWord();
            if (run.Count > 0)
            {
                runs.Add(run.ToImmutable());
                run.Clear();
            }

            last = null;
        }

        foreach (var glyph in glyphs)
        {
            if (last is { } previous)
            {
                var size = Math.Max(Math.Max(previous.FontSize, glyph.FontSize), 1);
                if (glyph.Horizontal != previous.Horizontal
                    || Math.Abs(glyph.Baseline - previous.Baseline) > 0.3 * size
                    || glyph.XMin < previous.XMin - (0.5 * size))
                {
                    // Another line, or the text went back left: a new run for MergeByBaseline to place.
                    EndRun();
                }
                else if (glyph.XMin - previous.XMax > GapShare * size)
                {
                    EndWord();
                }
            }

            if (glyph.Text.Length == 0 || IsSpace(glyph.Text))
            {
                EndWord();
                last = glyph;
                continue;
            }

            if (first is null)
            {
                first = glyph;
                top = glyph.YMin;
                bottom = glyph.YMax;
            }
            else
            {
                top = Math.Min(top, glyph.YMin);
                bottom = Math.Max(bottom, glyph.YMax);
            }

            text.Append(glyph.Text);
            last = glyph;
        }

        EndRun();
        return runs;
    }

    private static bool IsSpace(string text)
    {
        foreach (var c in text)
        {
            if (!PdfCharacters.IsSpace(c))
            {
                return false;
            }
        }

        return true;
    }
}
