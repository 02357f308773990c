using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace QaIngest.Tables;

/// <summary>
/// Reads tables that another tool flattened to one row per line ("West-Vlaanderen 2 3 5" +
/// "Limburg 1 0 1" …), as the parser keeps them (a line break after a row). A table is a run of lines
/// that each end in the same number of cells (numbers, or "-" for an empty one) after a label: at
/// least two rows of two or more cells, or three rows of one. The rows' shape makes the grid certain;
/// the columns are named only where the line above is a run of years as long as a row (otherwise a
/// header glued by the extractor, "Principiële goedgekeurdDefinitief goedgekeurdTotaal", cannot be
/// split for certain, and the cells keep their row label and position without a column label). Pure.
/// </summary>
public static partial class LineTableReader
{
    /// <summary>A label longer than this is a sentence that ends in a number, not a row label.</summary>
    public const int MaxLabelLength = 80;

    /// <summary>One table found in a text, with where each of its cells stands in that text (in <see cref="Table.Cells"/> order).</summary>
    public sealed record Found(Table Table, ImmutableArray<(int Start, int Length)> Spans);

    /// <summary>The tables in <paramref name="text"/>, top to bottom; none when no run of row lines is there.</summary>
    public static ImmutableArray<Found> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            // One line is no run of rows.
            return [];
        }

        var lines = new List<(int Start, int End)>();
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            lines.Add((start, end));
            start = end + 1;
        }

        // Most lines are prose: a line that cannot end in a cell is not cut out of the text nor matched.
        var rows = lines.Select(l => EndsInCell(text.AsSpan(l.Start, l.End - l.Start)) ? Row(text[l.Start..l.End], l.Start) : null).ToList();
        var found = ImmutableArray.CreateBuilder<Found>();
        for (var i = 0; i < rows.Count;)
        {
            if (rows[i] is not { } first)
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < rows.Count && rows[end] is { } next && next.Columns == first.Columns)
            {
                end++;
            }

            var count = end - i;
            if (count >= (first.Columns == 1 ? 3 : 2))
            {
                found.Add(Build(rows.GetRange(i, count).Select(r => r!).ToList(), i > 0 ? Lead(text[lines[i - 1].Start..lines[i - 1].End]) : ""));
            }

            i = end;
        }

        return found.ToImmutable();
    }

    private static Found Build(List<RowLine> rows, string lead)
    {
        var columns = rows[0].Columns;
        var trailing = TrailingYears().Match(lead);
        var years = trailing.Success ? YearRun().Matches(trailing.Value).Select(m => m.Value.TrimEnd('*')).ToList() : [];
        if (rows.Count >= 2 && rows[0].Cells.Count == columns && rows[0].Cells.All(c => CellReader.IsYear(c.Text)))
        {
            // A first line of years only ("Maand 2023 2024") is the header, not a row.
            years = [.. rows[0].Cells.Select(c => c.Text)];
            lead = rows[0].Label;
            rows = rows[1..];
        }

        var structured = years.Count == columns;
        var (unit, scale) = CellReader.Unit(lead);
        // A money unit from the header does not make a short bare number among grouped amounts money (a code, "2901").
        var grouped = rows.Any(r => r.Cells.Any(c => Grouped().IsMatch(c.Text)));
        // One column under a short header line: that line is the column's label ("Bedrag ontvangen").
        var single = columns == 1 && lead.Length is > 0 and <= MaxLabelLength ? lead : null;
        // Rows grouped under year rows ("2021 353" + "Antwerpen 198" …): a row's label names its year too
        // ("2021 / Antwerpen"), the year row (the group's subtotal) keeps the year alone.
        var labels = rows.Select(r => r.Label).ToList();
        if (YearLabel().IsMatch(labels[0]) && labels.Any(l => !YearLabel().IsMatch(l)))
        {
            var group = labels[0];
            for (var r = 1; r < labels.Count; r++)
            {
                if (YearLabel().IsMatch(labels[r]))
                {
                    group = labels[r];
                }
                else if (!CellReader.IsTotalLabel(labels[r]))
                {
                    labels[r] = $"{group} / {labels[r]}";
                }
            }
        }

        var cells = ImmutableArray.CreateBuilder<TableCell>();
        var spans = ImmutableArray.CreateBuilder<(int, int)>();
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var (column, start, length, cellText) in rows[r].Cells)
            {
                var columnLabel = structured ? years[column] : single ?? "";
                // The kind from the header above as well ("Bedrag ontvangen" over "540.470,00": money).
                var cell = TableBuilder.ReadCell(r, column, labels[r], single ?? lead, cellText, unit, null) with { ColumnLabel = columnLabel };
                if (CellReader.IsYear(cellText) || (cell.Kind == TableCellKind.Money && grouped && ShortBare().IsMatch(cellText)))
                {
                    // A year written in a row ("Herverdeling 1VR 2021 2901 43.145.000") is no amount.
                    cell = cell with { Kind = TableCellKind.Number };
                }
                else if (cell.Kind == TableCellKind.Count && cellText.Contains(','))
                {
                    // Written with decimals ("40.800,00"): an amount whose unit the text does not say, not a count.
                    cell = cell with { Kind = TableCellKind.Number };
                }

                cells.Add(cell);
                spans.Add((start, length));
            }
        }

        var table = new Table
        {
            Caption = null,
            HeaderRows = structured ? [[.. new[] { "" }.Concat(years)]] : [],
            LabelColumns = 1,
            RowLabels = [.. labels],
            ColumnLabels = structured ? [.. new[] { "" }.Concat(years)] : [],
            // The "Totaal" of averages ("Gemiddeld bedrag") is the average of all, not a sum to check.
            TotalsRow = lead.Contains("gemiddeld", StringComparison.OrdinalIgnoreCase) ? null : labels.LastOrDefault(CellReader.IsTotalLabel),
            Unit = unit,
            Scale = scale,
            Structured = structured,
            Cells = cells.ToImmutable(),
        };
        return new Found(table, spans.ToImmutable());
    }

    /// <summary>The line above a table, from its last sentence on: its header, caption or unit ("Aantal sociale woningen: …").</summary>
    private static string Lead(string line)
    {
        var end = SentenceEnd().Matches(line).LastOrDefault();
        return (end is null ? line : line[(end.Index + end.Length)..]).Trim();
    }

    /// <summary>A line that is a label then cells: the cells' columns, spans and texts; null for any other line.</summary>
    private static RowLine? Row(string line, int offset)
    {
        var m = RowPattern().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var label = m.Groups["label"].Value.Trim().TrimEnd(':', '-', '–').Trim();
        if (label.Length == 0 || label.Length > MaxLabelLength || !(char.IsLetter(label[0]) || YearLabel().IsMatch(label)) || ProseVerb().IsMatch(label)
            || NumberInLabel().IsMatch(label))
        {
            return null;
        }

        var cells = new List<(int, int, int, string)>();
        var captures = m.Groups["cell"].Captures;
        for (var k = 0; k < captures.Count; k++)
        {
            var c = captures[k];
            if (c.Value is not ("-" or "–"))
            {
                cells.Add((k, offset + c.Index, c.Length, c.Value));
            }
        }

        return cells.Count == 0 ? null : new RowLine(label, captures.Count, cells);
    }

    private static bool EndsInCell(ReadOnlySpan<char> line)
    {
        var last = line.TrimEnd(" \t");
        return last.Length > 0 && (char.IsAsciiDigit(last[^1]) || last[^1] is '%' or '€' or '-' or '–');
    }

    private sealed record RowLine(string Label, int Columns, List<(int Column, int Start, int Length, string Text)> Cells);

    // A label (a year, or text without a digit right before the cells), then cells: a number with its marks ("€ 1.234", "12,5%", "4.855 €") or "-".
    [GeneratedRegex(@"^(?<label>(?:19|20)\d\d|.*?\D)(?:[ \t]+(?<cell>(?:€[ \t]?)?\d[\d.]*(?:,\d+)?(?:[ \t]?(?:%|€))?|[-–]))+[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RowPattern();

    // A number standing alone after the label's first word ("Vlaams-Brabant 182 2024 (t.e.m. …)"): two rows run together.
    [GeneratedRegex(@"^\S+.*\s\d[\d.,]*(?:\s|$)")]
    private static partial Regex NumberInLabel();

    [GeneratedRegex(@"\d\.\d{3}")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^\d{1,4}$")]
    private static partial Regex ShortBare();

    // A year that labels its row ("2021 980.038,00", "2024 (t.e.m. 30/09/2024) 52.420,08").
    [GeneratedRegex(@"^(?:19|20)\d\d(?:\s*\([^)]*\))?$")]
    private static partial Regex YearLabel();

    [GeneratedRegex(@"\b(?:is|zijn|was|waren|werd|werden|wordt|worden|heeft|hebben|had|bedraagt|bedroeg|bedragen|gaat|ging|gingen|kreeg|krijgt|ontving)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProseVerb();

    [GeneratedRegex(@"[.!?]\s+(?=\p{Lu})")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?<![\d.,])(?:19|20)\d\d\*?(?![\d.,])")]
    private static partial Regex YearRun();

    [GeneratedRegex(@"(?<![\d.,])(?:(?:19|20)\d\d\*?\s*)+$")]
    private static partial Regex TrailingYears();
}
