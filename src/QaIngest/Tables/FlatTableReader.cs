using System.Collections.Immutable;
using System.Text.RegularExpressions;
using QaIngest.Text;

namespace QaIngest.Tables;

/// <summary>
/// Reads a table back from text another tool flattened (a PDF's rows joined into one paragraph:
/// "Bedragen K€ 2014 2015 … PPS Stelplaatsen 4.855 € 4.771 € … PPS LIVAN 6.507 € …"). Given the
/// number cells found in the text, a row starts where words stand between two numbers; those words
/// are the row's label. Columns are named only where the header is a run of years exactly as long as
/// a row (the grid is certain); otherwise the table stays a list of labelled cells
/// (<see cref="Table.Structured"/> false). Pure.
/// </summary>
public static partial class FlatTableReader
{
    /// <summary>Fewer number cells than this in one stretch is running text, not a table.</summary>
    public const int MinCells = 3;

    /// <summary>Words between two cells of a table: more than this is prose between two figures.</summary>
    public const int MaxGap = 110;

    private const int MeanGap = 70;

    /// <summary>
    /// The table the <paramref name="cells"/> (spans of <paramref name="text"/>, in order) form, or null
    /// when they do not look like one. The table's <see cref="Table.Cells"/> are in the order of
    /// <paramref name="cells"/>, one for each.
    /// </summary>
    public static Table? Read(string text, IReadOnlyList<(int Start, int Length)> cells, int headerStart)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count < MinCells)
        {
            return null;
        }

        // Cells must be spans of the text in order, without overlaps (a range and its ends, hostile input).
        if (headerStart < 0 || headerStart > cells[0].Start || cells[^1].Start + cells[^1].Length > text.Length)
        {
            return null;
        }

        var total = 0;
        for (var i = 1; i < cells.Count; i++)
        {
            var gap = cells[i].Start - (cells[i - 1].Start + cells[i - 1].Length);
            if (gap < 0 || gap > MaxGap)
            {
                return null;
            }

            total += gap;
        }

        // A table's numbers stand close together, with labels between them; a sentence naming three
        // amounts has prose between them (a verb in most gaps).
        if (total > MeanGap * (cells.Count - 1))
        {
            return null;
        }

        // The words between two cells: empty (the next cell of the same row) or the next row's label,
        // possibly after the text cells that end the row before it.
        var gaps = new List<string>(cells.Count);
        gaps.Add(Clean(text[headerStart..cells[0].Start]));
        for (var i = 1; i < cells.Count; i++)
        {
            gaps.Add(Clean(text[(cells[i - 1].Start + cells[i - 1].Length)..cells[i].Start]));
        }

        if (gaps.Skip(1).Count(g => ProseVerb().IsMatch(g)) * 3 > cells.Count - 1 || gaps.Skip(1).Any(g => SentenceEnd().IsMatch(g)))
        {
            return null;
        }

        var rowStarts = Enumerable.Range(1, cells.Count - 1).Where(i => Label(gaps[i]).Length > 0).ToList();
        if (rowStarts.Count == 0 && cells.Count < 2 * MinCells)
        {
            // One row of a few numbers is a sentence listing them, not a table.
            return null;
        }

        var after = text[(cells[^1].Start + cells[^1].Length)..];
        var trailing = TrailingCellWord(rowStarts.Select(i => gaps[i]).ToList(), after);
        var (header, firstLabel) = SplitHeader(gaps[0], rowStarts.Select(i => Label(gaps[i])).ToList());
        var rows = new List<(string Label, List<int> Cells)> { (firstLabel, [0]) };
        for (var i = 1; i < cells.Count; i++)
        {
            if (rowStarts.Contains(i))
            {
                rows.Add((Label(StripTrailing(gaps[i], trailing)), [i]));
            }
            else
            {
                rows[^1].Cells.Add(i);
            }
        }

        // Columns are certain only when the header is a run of years and every row has one cell per year.
        var years = header.Length > 0 ? YearRun().Matches(header).Select(m => m.Value).ToList() : [];
        var structured = years.Count >= 2 && rows.All(r => r.Cells.Count == years.Count);
        var result = new TableCell[cells.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var k = 0; k < rows[r].Cells.Count; k++)
            {
                var i = rows[r].Cells[k];
                var cellText = text.Substring(cells[i].Start, cells[i].Length);
                result[i] = new TableCell(r, k, rows[r].Label, structured ? years[k] : "", cellText, null, TableCellKind.Number);
            }
        }

        // The unit from the lead as written (the gaps have their "€" marks taken out).
        var (unit, scale) = CellReader.Unit(text[headerStart..cells[0].Start]);
        return new Table
        {
            Caption = null,
            HeaderRows = structured ? [[.. new[] { "" }.Concat(years)]] : [],
            LabelColumns = 1,
            RowLabels = [.. rows.Select(r => r.Label)],
            ColumnLabels = structured ? [.. new[] { "" }.Concat(years)] : [],
            TotalsRow = rows.Select(r => r.Label).LastOrDefault(l => l.Length > 0 && CellReader.IsTotalLabel(l)),
            Unit = unit,
            Scale = scale,
            Structured = structured,
            Cells = [.. result],
        };
    }

    /// <summary>The row label in the words before a row's first cell: up to a date, a period or a number ("Alcatraz Festival 12/08 - 15/08" → "Alcatraz Festival").</summary>
    private static string Label(string gap)
    {
        // An amount the figure reader did not take stands in the gap: the label follows it.
        var amounts = AmountInGap().Matches(gap);
        if (amounts.Count > 0)
        {
            gap = gap[(amounts[^1].Index + amounts[^1].Length)..].Trim();
        }

        var cut = StopInLabel().Match(gap);
        var label = (cut.Success && cut.Index > 0 ? gap[..cut.Index] : gap).Trim(' ', '-', ',', ':', ';');
        return LetterOrYear().IsMatch(label) ? label : "";
    }

    private static string Clean(string gap) => LineReader.Collapse(gap.Replace("€", " ", StringComparison.Ordinal).Replace("*", " ", StringComparison.Ordinal)).Trim(' ', '-', ',', ';');

    /// <summary>
    /// Splits the words before the first cell into header and first row label: after a run of years
    /// (the column headers), or at the shape the other row labels have (a year); else, when the other
    /// rows' labels say nothing, the words after the last colon.
    /// </summary>
    private static (string Header, string Label) SplitHeader(string lead, List<string> otherLabels)
    {
        var yearRuns = YearRun().Matches(lead);
        if (otherLabels.Count > 0 && otherLabels.All(l => YearOnly().IsMatch(l)) && TrailingYear().Match(lead) is { Success: true } year)
        {
            return (lead[..year.Index].Trim(), year.Value.Trim());
        }

        if (yearRuns.Count >= 2)
        {
            var end = yearRuns[^1].Index + yearRuns[^1].Length;
            return (lead[..end].Trim(), Label(lead[end..]));
        }

        var colon = lead.LastIndexOf(':');
        return colon >= 0 ? (lead[..colon].Trim(), Label(lead[(colon + 1)..])) : ("", Label(lead));
    }

    /// <summary>
    /// A text column after the number ("€ 29.095.150 Begeleiding EMINO € 11.002.723 Begeleiding …"):
    /// the word most row gaps start with, when at least half of them do.
    /// </summary>
    private static string? TrailingCellWord(List<string> gaps, string after)
    {
        if (gaps.Count < 2)
        {
            return null;
        }

        var first = gaps.Select(g => g.Split(' ', 2)[0]).Where(w => w.Length > 0).GroupBy(w => w, StringComparer.Ordinal).MaxBy(g => g.Count());
        // The last row ends with the same text cell: a repeated first word that is a row label ("PPS
        // Stelplaatsen", "PPS LIVAN") does not follow the last number.
        return first is not null && first.Count() * 2 >= gaps.Count && gaps.Any(g => g.Length > first.Key.Length)
            && Clean(after).StartsWith(first.Key, StringComparison.Ordinal) ? first.Key : null;
    }

    /// <summary>Drops the text cell that ends the row before ("Begeleiding en opleiding GROEP INTRO" → "GROEP INTRO").</summary>
    private static string StripTrailing(string gap, string? word)
    {
        if (word is null || !gap.StartsWith(word + " ", StringComparison.Ordinal))
        {
            return gap;
        }

        var rest = gap[word.Length..].TrimStart();
        var m = LowerWords().Match(rest);
        var stripped = m.Success ? rest[m.Length..] : rest;
        return stripped.Length > 0 ? stripped : gap;
    }

    [GeneratedRegex(@"\d{1,2}/\d{1,2}|\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b|\b\d+,\d+\b")]
    private static partial Regex StopInLabel();

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b(?:\s*(?:€|euro\b))?")]
    private static partial Regex AmountInGap();

    [GeneratedRegex(@"\b(?:is|zijn|was|waren|werd|werden|wordt|worden|heeft|hebben|had|bedraagt|bedroeg|bedragen|gaat|ging|gingen|kreeg|krijgt|ontving)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProseVerb();

    [GeneratedRegex(@"\p{Ll}[.!?]\)?\s+\p{Lu}|\)\.\s+\p{Lu}")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\p{L}|^(?:19|20)\d\d\b")]
    private static partial Regex LetterOrYear();

    [GeneratedRegex(@"(?<![\d.,])(?:19|20)\d\d\*?(?![\d.,])")]
    private static partial Regex YearRun();

    [GeneratedRegex(@"^(?:19|20)\d\d\*?$")]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"(?<![\d.,])(?:19|20)\d\d\s*$")]
    private static partial Regex TrailingYear();

    [GeneratedRegex(@"^(?:(?:en|of|\p{Ll}[\p{Ll}/-]*)\s+)*")]
    private static partial Regex LowerWords();
}
