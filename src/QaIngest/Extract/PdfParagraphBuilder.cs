using System.Collections.Immutable;
using System.Text.RegularExpressions;
using QaIngest.Text;

namespace QaIngest.Extract;

/// <summary>
/// Rebuilds the text of a laid-out PDF: drops page furniture, groups visual lines into paragraphs
/// and writes them in the <see cref="ExtractedText"/> format. A line ends its paragraph when the
/// next line starts a list item, when the vertical gap is larger than the line pitch, when the
/// indentation changes, or when the line stops short of the right margin by more than the next
/// line's first word would need (the test a word processor uses to wrap, so a header line such as
/// "nr. 235" never swallows the next one). Pure and thread-safe.
/// </summary>
public static partial class PdfParagraphBuilder
{
    /// <summary>Builds the text of <paramref name="pages"/>.</summary>
    public static ExtractedText Build(ImmutableArray<PdfPage> pages)
    {
        var furniture = PdfPageFurniture.Find(pages);
        var warnings = ImmutableArray.CreateBuilder<string>();
        var kept = pages.Select((page, p) => page.Lines.Where((_, i) => !furniture[p].Contains(i)).ToList()).ToList();
        var metrics = Measure(kept.SelectMany(l => l).ToList());

        var dropped = furniture.Sum(f => f.Count);
        if (dropped > 0)
        {
            warnings.Add($"dropped {dropped} page-number, header or footer line(s)");
        }

        // Each block is a paragraph or a page break; they are written one per line, blank lines between.
        var blocks = new List<string>();
        Paragraph? open = null;
        var pendingBreaks = 0;
        void Flush()
        {
            if (open is not null)
            {
                var joined = JoinLines(open.Lines);
                if (joined.Length > 0)
                {
                    blocks.Add(joined);
                }

                open = null;
            }

            for (; pendingBreaks > 0; pendingBreaks--)
            {
                blocks.Add("\f");
            }
        }

        for (var p = 0; p < kept.Count; p++)
        {
            if (kept[p].Count == 0)
            {
                warnings.Add($"page {p + 1} has no text (an image or an empty page)");
            }

            var paragraphs = Group(kept[p], metrics);
            if (p > 0)
            {
                pendingBreaks++;
                if (open is not null && paragraphs.Count > 0 && ContinuesAcrossPage(open, paragraphs[0], metrics))
                {
                    // The paragraph is kept whole; the break is written after it.
                    open.Lines.AddRange(paragraphs[0].Lines);
                    open.ContinuationX ??= paragraphs[0].Lines[0].XMin;
                    paragraphs.RemoveAt(0);
                }
                else
                {
                    Flush();
                }
            }

            foreach (var paragraph in paragraphs)
            {
                Flush();
                open = paragraph;
            }
        }

        Flush();
        return new ExtractedText
        {
            Text = blocks.Count == 0 ? string.Empty : string.Join("\n\n", blocks) + "\n",
            Format = SourceFormat.Pdf,
            PageCount = pages.Length,
            Warnings = warnings.ToImmutable(),
        };
    }

    /// <summary>Joins a paragraph's lines with the corpus-wide hyphen and URL rules.</summary>
    /// <remarks>
    /// A line that starts with a URL starts a new run: <see cref="LineJoiner"/> would otherwise take
    /// it for the continuation of a URL that ends the previous line and glue the two together.
    /// </remarks>
    internal static string JoinLines(IReadOnlyList<PdfLine> lines)
    {
        var runs = new List<List<SourceLine>>();
        var broken = string.Empty;
        foreach (var line in lines)
        {
            // Checked before Collapse, which turns a soft hyphen into a hard one as the plain-text sources need.
            var raw = line.Text;
            if (raw.Length > 0 && raw[^1] == PdfCharacters.SoftHyphen)
            {
                // A word broken at a soft hyphen continues on the next line without the hyphen or a space.
                broken += LineReader.Collapse(NormaliseBullet(raw[..^1]));
                continue;
            }

            var text = broken + LineReader.Collapse(broken.Length > 0 ? raw : NormaliseBullet(raw));
            broken = string.Empty;

            if (runs.Count == 0 || UrlHead().IsMatch(text))
            {
                runs.Add([]);
            }

            // Without a trailing space LineJoiner may glue a URL to its continuation; a PDF keeps no
            // spaces, so only a line that ends in something URL-like is offered for that.
            runs[^1].Add(new SourceLine(runs[^1].Count, text, Indented: false, TrailingSpace: !UrlTail().IsMatch(text), BlankLinesBefore: 0));
        }

        if (broken.Length > 0)
        {
            if (runs.Count == 0)
            {
                runs.Add([]);
            }

            runs[^1].Add(new SourceLine(runs[^1].Count, broken, Indented: false, TrailingSpace: true, BlankLinesBefore: 0));
        }

        return string.Join(' ', runs.Select(LineJoiner.Join).Where(r => r.Length > 0));
    }

    /// <summary>A bullet glyph (•, ▪, Symbol-font private-use bullets) labels an item the way "-" does in the corpus.</summary>
    private static string NormaliseBullet(string line) =>
        line.Length > 1 && line[0] is '•' or '▪' or '●' or '◦' or '\uF0B7' or '\uF0A7' or '\uF0D8' && line[1] == ' '
            ? "-" + line[1..]
            : line;

    private static List<Paragraph> Group(List<PdfLine> lines, Metrics metrics)
    {
        var paragraphs = new List<Paragraph>();
        Paragraph? current = null;
        foreach (var line in lines)
        {
            if (current is null || StartsParagraph(current, line, metrics))
            {
                current = new Paragraph(line);
                paragraphs.Add(current);
                continue;
            }

            current.ContinuationX ??= line.XMin;
            current.Lines.Add(line);
        }

        return paragraphs;
    }

    private static bool StartsParagraph(Paragraph paragraph, PdfLine line, Metrics metrics)
    {
        var previous = paragraph.Lines[^1];
        var pitch = line.YMax - previous.YMax;
        if (pitch > metrics.Pitch * 1.35 || pitch < 0)
        {
            return true;
        }

        return !Continues(paragraph, line, metrics);
    }

    /// <summary>True when <paramref name="line"/> reads as the next line of <paramref name="paragraph"/>, vertical gap aside.</summary>
    private static bool Continues(Paragraph paragraph, PdfLine line, Metrics metrics)
    {
        var previous = paragraph.Lines[^1];
        if (EndsShort(previous, line, metrics))
        {
            return false;
        }

        if (StartsWithLabel(line) && (EndsSentence(previous.Text) || !SameX(line.XMin, paragraph.ContinuationX ?? paragraph.FirstX)))
        {
            return false;
        }

        if (paragraph.ContinuationX is { } x)
        {
            return SameX(line.XMin, x);
        }

        // Second line: a hanging indent follows a label; a first-line indent comes back to the left.
        return line.XMin <= paragraph.FirstX + Tolerance || paragraph.HasLabel;
    }

    private static bool ContinuesAcrossPage(Paragraph paragraph, Paragraph next, Metrics metrics)
    {
        var previous = paragraph.Lines[^1];
        var line = next.Lines[0];
        if (!Continues(paragraph, line, metrics) || StartsWithLabel(line))
        {
            return false;
        }

        // A full last line that closes a sentence, then a capital on the next page: a new paragraph.
        return !(EndsSentence(previous.Text) && char.IsUpper(line.Text[0]));
    }

    /// <summary>
    /// True when the next line's first word would have fitted at the end of <paramref name="previous"/>:
    /// a word processor would have put it there, so the line was ended on purpose.
    /// </summary>
    private static bool EndsShort(PdfLine previous, PdfLine next, Metrics metrics)
    {
        var available = metrics.RightMargin - previous.XMax;
        var space = 0.3 * previous.Height;
        return available > FirstTokenWidth(next) + space + Tolerance;
    }

    private static double FirstTokenWidth(PdfLine line)
    {
        var words = line.Words;
        var end = 0;
        while (end + 1 < words.Length && words[end + 1].XMin - words[end].XMax <= 0.12 * words[end].Height)
        {
            end++;
        }

        return words[end].XMax - words[0].XMin;
    }

    private const double Tolerance = 3.0;

    private static bool SameX(double a, double b) => Math.Abs(a - b) <= Tolerance;

    private static bool EndsSentence(string text) => text.Length > 0 && text[^1] is '.' or '?' or '!' or ':' or ';';

    internal static bool StartsWithLabel(PdfLine line) => Label().IsMatch(line.Words[0].Text) && line.Words.Length > 1;

    private static Metrics Measure(List<PdfLine> lines)
    {
        if (lines.Count == 0)
        {
            return new Metrics(0, 12);
        }

        var ends = lines.Select(l => l.XMax).Order().ToList();
        var rightMargin = ends[(int)Math.Floor(0.9 * (ends.Count - 1))];

        // The usual distance between baselines of consecutive lines of one paragraph.
        var pitches = new List<double>();
        for (var i = 1; i < lines.Count; i++)
        {
            var pitch = lines[i].YMax - lines[i - 1].YMax;
            if (pitch > 0.8 * lines[i].Height && pitch < 1.6 * lines[i].Height)
            {
                pitches.Add(pitch);
            }
        }

        var typical = pitches.Count > 0 ? pitches.Order().ElementAt(pitches.Count / 2) : lines.Select(l => l.Height).Order().ElementAt(lines.Count / 2);
        return new Metrics(rightMargin, typical);
    }

    private sealed record Metrics(double RightMargin, double Pitch);

    private sealed class Paragraph(PdfLine first)
    {
        public List<PdfLine> Lines { get; } = [first];
        public double FirstX { get; } = first.XMin;
        public bool HasLabel { get; } = StartsWithLabel(first);
        public double? ContinuationX { get; set; }
    }

    // "1." "12)" "1.2." "a)" "b." "(c)" "iv)" and bullets; the label is its own word.
    [GeneratedRegex(@"^(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-zA-Z][.)]|\([a-z0-9]{1,3}\)|[ivx]{1,4}[.)]|[-–•▪●◦\uF0B7\uF0A7\uF0D8])$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"(?:https?://|www\.)\S*$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlTail();

    [GeneratedRegex(@"^\(?(?:https?://|www\.)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlHead();
}
