using System.Collections.Immutable;
using System.Text.RegularExpressions;
using QaIngest.Text;

namespace QaIngest.Parse;

/// <summary>Groups lines into paragraphs (blocks), undoing hard wraps and page breaks.</summary>
internal static partial class BlockBuilder
{
    /// <summary>
    /// Builds the blocks of a run of lines. <paramref name="firstRest"/>, when given, replaces the
    /// first line's text (the rest of a numbered line after its number).
    /// </summary>
    public static ImmutableArray<Block> Build(IReadOnlyList<SourceLine> lines, string? firstRest = null)
    {
        var blocks = ImmutableArray.CreateBuilder<Block>();
        var current = new List<SourceLine>();
        BlockKind kind = BlockKind.Text;
        string? label = null;

        void Flush()
        {
            var text = JoinKeepingRows(current);
            if (text.Length > 0 || kind == BlockKind.Part)
            {
                blocks.Add(new Block(kind, label, text));
            }

            current.Clear();
            kind = BlockKind.Text;
            label = null;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = i == 0 && firstRest is not null ? lines[i] with { Text = firstRest } : lines[i];
            if (line.Text.Length == 0)
            {
                continue;
            }

            if (LineShape.Part(line.Text) is { } part)
            {
                Flush();
                kind = BlockKind.Part;
                label = part.Label;
                current.Add(line with { Text = part.Remainder });
                continue;
            }

            if (LineShape.IsBullet(line.Text))
            {
                Flush();
                kind = BlockKind.Bullet;
                current.Add(line);
                continue;
            }

            var previous = current.Count > 0 ? current[^1].Text : null;
            var labelOnly = kind == BlockKind.Part && current.Count == 1 && current[0].Text.Length == 0;
            var continues = previous is null
                || labelOnly
                || line.BlankLinesBefore == 0
                || (LineShape.StartsLowerCase(line.Text) && !LineShape.EndsSentence(previous));
            if (!continues)
            {
                Flush();
            }

            current.Add(line);
        }

        Flush();
        return blocks.ToImmutable();
    }

    /// <summary>
    /// Joins a paragraph's lines, keeping a line break where it ends a table row that another tool
    /// flattened to one row per line ("West-Vlaanderen 2 3 5" + "Limburg 1 0 1"): joined, the next
    /// row's label reads as what the last number counts ("5 Limburg") and the rows cannot be told apart.
    /// </summary>
    public static string JoinKeepingRows(IReadOnlyList<SourceLine> lines)
    {
        var start = 0;
        List<string>? pieces = null;
        for (var k = 1; k < lines.Count; k++)
        {
            if (EndsRow(lines, k))
            {
                var piece = LineJoiner.Join(lines.Skip(start).Take(k - start));
                if (piece.Length > 0)
                {
                    (pieces ??= []).Add(piece);
                }

                start = k;
            }
        }

        var last = LineJoiner.Join(start == 0 ? lines : lines.Skip(start));
        if (pieces is null)
        {
            return last;
        }

        if (last.Length > 0)
        {
            pieces.Add(last);
        }

        return string.Join('\n', pieces);
    }

    /// <summary>
    /// True when the break before line <paramref name="k"/> ends a table row: the line before ends in a
    /// number and this one opens with a capital, a year before a number or a numbered heading (a row label,
    /// not a wrapped noun in lower case), or both are rows of as many numbers, or this
    /// line and the next are rows of as many numbers (the first row after a header that wraps; three rows
    /// of one number).
    /// </summary>
    private static bool EndsRow(IReadOnlyList<SourceLine> lines, int k)
    {
        var next = lines[k].Text;
        if (next.Length == 0)
        {
            return false;
        }

        var previous = lines[k - 1].Text;
        if (!EndsInCell(previous) && !EndsInCell(next))
        {
            return false;
        }

        if ((char.IsUpper(next[0]) || YearRow().IsMatch(next) || NumberedHeading().IsMatch(next)) && EndNumber().IsMatch(previous))
        {
            return true;
        }

        // A row with a label in lower case after a row of as many numbers ("vrijstelling 10.674 73%" + "geen info 690 5%").
        var cells = RowNumbers(next);
        if (cells > 0 && RowNumbers(previous) == cells)
        {
            return true;
        }

        // One number a row needs three rows in a row to be sure ("2021 8" + "Antwerpen 4" + "Oost-Vlaanderen 3").
        var rows = cells == 1 ? 3 : 2;
        if (cells == 0 || k + rows - 1 >= lines.Count)
        {
            return false;
        }

        for (var j = k + 1; j < k + rows; j++)
        {
            if (RowNumbers(lines[j].Text) != cells)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many numbers end a row line that opens with a letter or a year ("Limburg 15 0 15 0" → 4, "2021 8" → 1); 0 for another line.</summary>
    private static int RowNumbers(string line) =>
        EndsInCell(line) && RowLine().Match(line) is { Success: true } m ? m.Groups[1].Captures.Count : 0;

    // Most lines are prose: a last character that cannot end a cell spares the regular expressions.
    private static bool EndsInCell(string line) => line.Length > 0 && (char.IsAsciiDigit(line[^1]) || line[^1] is '%' or '-');

    // A numbered heading after a table's last row ("Totaal 619" + "1.2 Aantal leerkrachten …").
    [GeneratedRegex(@"^\d+(?:\.\d+)+\.?\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedHeading();

    // A row labelled with a year after a row ("Vlaams-Brabant 483.256,64" + "2024 (t.e.m. 30/09/2024) 52.420,08").
    [GeneratedRegex(@"^(?:19|20)\d\d(?:\s*\([^)]*\))?\s+€?\s?\d", RegexOptions.CultureInvariant)]
    private static partial Regex YearRow();

    [GeneratedRegex(@"(?:^|\s)\d[\d.,]*%?$", RegexOptions.CultureInvariant)]
    private static partial Regex EndNumber();

    [GeneratedRegex(@"^(?:\p{L}[^\d]*?|(?:19|20)\d\d(?:\s*\([^)]*\))?)(?:\s+(\d[\d.,]*%?|-))+$", RegexOptions.CultureInvariant)]
    private static partial Regex RowLine();

    /// <summary>The blocks as one text, a paragraph per line; parts keep their label, bullets their dash.</summary>
    public static string Render(IEnumerable<Block> blocks) =>
        string.Join('\n', blocks.Select(b => b.Kind == BlockKind.Part ? $"{b.Label}) {b.Text}".TrimEnd() : b.Text));
}
