using System.Collections.Immutable;
using System.Text;

namespace QaIngest.Extract;

/// <summary>
/// One visual line: the words that share a baseline, left to right. poppler cuts a justified line
/// into pieces at its wide gaps and puts a hanging-indent label in a block of its own, and PdfPig's
/// runs of words end wherever the content stream moves; a <see cref="PdfLine"/> is those pieces put
/// back together.
/// </summary>
public sealed record PdfLine
{
    public PdfLine(ImmutableArray<PdfWord> words)
    {
        if (words.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A line needs at least one word.", nameof(words));
        }

        Words = words;
        XMin = words.Min(w => w.XMin);
        XMax = words.Max(w => w.XMax);
        YMin = words.Min(w => w.YMin);
        YMax = words.Max(w => w.YMax);
        Text = JoinWords(words);
    }

    public ImmutableArray<PdfWord> Words { get; }
    public double XMin { get; }
    public double XMax { get; }
    public double YMin { get; }
    public double YMax { get; }
    public double Height => YMax - YMin;

    /// <summary>The words with one space between them, whatever the gap on the page was.</summary>
    public string Text { get; }

    private static string JoinWords(ImmutableArray<PdfWord> words)
    {
        var sb = new StringBuilder();
        PdfWord? previous = null;
        foreach (var word in words)
        {
            // poppler splits a word where the font changes ("HANDHAVING" + ","); such pieces touch.
            // PdfPig's words end at any gap over 0.1 of the font size, which is below this threshold
            // (the loose box is ~1.2 font sizes high): words that close get no space, as poppler's pieces.
            if (previous is not null && word.XMin - previous.XMax > 0.12 * Math.Max(previous.Height, word.Height))
            {
                sb.Append(' ');
            }

            sb.Append(word.Text);
            previous = word;
        }

        return sb.ToString();
    }
}
