using System.Collections.Immutable;
using QaIngest.Text;

namespace QaIngest.Tables;

/// <summary>
/// Turns a grid (rows of <see cref="GridCell"/>, merged cells already spread over the slots they cover)
/// into a <see cref="Table"/>: finds the header rows and the row-label columns, joins header levels
/// into column labels, reads every body cell's number and kind, and names a totals row or column. Pure.
/// </summary>
public static partial class TableBuilder
{
    private const string Joint = " / ";

    /// <param name="headerRows">How many leading rows the source marks as header (<c>th</c>, <c>thead</c>,
    /// <c>w:tblHeader</c>); null to judge from the cells.</param>
    /// <param name="labelColumns">How many leading columns label the rows, when the reader knows (a PDF's
    /// leading text columns); null to judge from the cells.</param>
    public static Table? Build(IReadOnlyList<IReadOnlyList<GridCell>> grid, string? caption, int? headerRows = null, int? labelColumns = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var rows = Normalise(grid);
        if (rows.Count == 0)
        {
            return null;
        }

        var width = rows[0].Length;
        var header = Math.Min(headerRows is > 0 ? headerRows.Value : GuessHeaderRows(rows), rows.Count - 1);
        header = Math.Max(header, 0);
        var body = rows.Skip(header).ToList();
        var labels = labelColumns is > 0 && labelColumns < width ? labelColumns.Value : LabelColumns(body, width);

        var headerTexts = rows.Take(header).Select(r => r.Select(c => c.Text).ToImmutableArray()).ToImmutableArray();
        var columnLabels = Enumerable.Range(0, width).Select(c => JoinLevels(headerTexts.Select(r => r[c]))).ToImmutableArray();
        var rowLabels = body.Select(r => JoinLevels(r.Take(labels).Select(c => c.Text))).ToImmutableArray();

        // The unit: the caption's, or one stated in a header cell over the label columns ("Bedragen K€").
        var (unit, scale) = CellReader.Unit(caption);
        if (unit is null)
        {
            foreach (var corner in headerTexts.SelectMany(r => r.Take(Math.Max(labels, 1))))
            {
                (unit, scale) = CellReader.Unit(corner);
                if (unit is not null)
                {
                    break;
                }
            }
        }

        var cells = ImmutableArray.CreateBuilder<TableCell>();
        for (var r = 0; r < body.Count; r++)
        {
            for (var c = labels; c < width; c++)
            {
                var slot = body[r][c];
                if (slot.Spanned || slot.Text.Length == 0)
                {
                    continue;
                }

                var (columnUnit, _) = CellReader.Unit(columnLabels[c]);
                cells.Add(ReadCell(r, c, rowLabels[r], columnLabels[c], slot.Text, columnUnit ?? unit, caption));
            }
        }

        var totalsRow = rowLabels.LastOrDefault(l => l.Length > 0 && CellReader.IsTotalLabel(l));
        var totalsColumn = columnLabels.Skip(labels).LastOrDefault(l => l.Length > 0 && CellReader.IsTotalLabel(LastLevel(l)));
        return new Table
        {
            Caption = caption,
            HeaderRows = headerTexts,
            LabelColumns = labels,
            RowLabels = rowLabels,
            ColumnLabels = columnLabels,
            TotalsRow = totalsRow,
            TotalsColumn = totalsColumn,
            Unit = unit,
            Scale = scale,
            Cells = cells.ToImmutable(),
        };
    }

    /// <summary>A cell's number and kind: its own marks first ("€", "%"), then its column's or the table's unit.</summary>
    internal static TableCell ReadCell(int row, int column, string rowLabel, string columnLabel, string text, string? unit, string? caption)
    {
        if (!CellReader.TryRead(text, out var value, out var money, out var percent))
        {
            return new TableCell(row, column, rowLabel, columnLabel, text, null, TableCellKind.Text);
        }

        var kind = money ? TableCellKind.Money
            : percent ? TableCellKind.Percent
            : unit is "%" ? TableCellKind.Percent
            : unit?.Contains("euro", StringComparison.Ordinal) == true ? TableCellKind.Money
            : Whole(value, columnLabel) && (unit is "aantal" || Names("aantal", columnLabel)) && !Names("gemiddeld", columnLabel) ? TableCellKind.Count
            : MoneyHeader().IsMatch(columnLabel) ? TableCellKind.Money
            // A whole number without a unit counts what its row and column name, unless the header says it
            // is an average ("gemiddelde leeftijd") or the cell is a year written alone.
            : value == decimal.Truncate(value) && !Names("gemiddeld", columnLabel) && !CellReader.IsYear(text) ? TableCellKind.Count
            : TableCellKind.Number;
        return new TableCell(row, column, rowLabel, columnLabel, text, value, kind);
    }

    /// <summary>A whole number, or one the column's unit makes whole ("15,5" under "Aantal dagtoeristen (in miljoen)").</summary>
    private static bool Whole(decimal value, string columnLabel)
    {
        var scaled = value * CellReader.Unit(columnLabel).Scale;
        return scaled == decimal.Truncate(scaled);
    }

    /// <summary>A column whose header names money ("Bedrag", "Kredietbedrag", "Budget", "Toegekende steun") holds amounts in euro.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"bedrag|budget|kost|uitgave|steun|subsidie|omzet|tarief|prijs|premie|toelage|vergoeding", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex MoneyHeader();

    private static bool Names(string word, params string?[] labels) =>
        labels.Any(l => l is not null && l.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>Texts collapsed, spacer rows and empty columns dropped, every row as wide as the widest.</summary>
    private static List<GridCell[]> Normalise(IReadOnlyList<IReadOnlyList<GridCell>> grid)
    {
        var width = grid.Count == 0 ? 0 : grid.Max(r => r.Count);
        var rows = grid
            .Select(r => Enumerable.Range(0, width).Select(c => c < r.Count ? r[c] with { Text = LineReader.Collapse(r[c].Text) } : GridCell.Empty).ToArray())
            .Where(r => r.Any(c => c.Text.Length > 0))
            .ToList();
        var keep = Enumerable.Range(0, width).Where(c => rows.Any(r => r[c].Text.Length > 0)).ToArray();
        return rows.Select(r => keep.Select(c => r[c]).ToArray()).ToList();
    }

    /// <summary>
    /// The first row is a header when it holds no amount (years are labels); each next row too while it
    /// holds no amount and its first cell is empty or carries on a merged cell (a second header level).
    /// </summary>
    private static int GuessHeaderRows(List<GridCell[]> rows)
    {
        if (rows.Count < 2 || rows[0].Any(c => CellReader.IsAmount(c.Text)))
        {
            return 0;
        }

        var header = 1;
        while (header < rows.Count - 1
               && !rows[header].Any(c => CellReader.IsAmount(c.Text))
               && (rows[header][0].Text.Length == 0 || rows[header][0].Spanned)
               && rows[header].Skip(1).Any(c => c.Text.Length > 0))
        {
            header++;
        }

        return header;
    }

    /// <summary>
    /// The first column labels the rows when no body cell in it is an amount; a next column does too
    /// when the one before it carries merged cells down (a group label over several rows).
    /// </summary>
    private static int LabelColumns(List<GridCell[]> body, int width)
    {
        var count = 0;
        while (count < width - 1
               && (body.All(r => !CellReader.IsAmount(r[count].Text)) || (count == 0 && Numbering(body.Select(r => r[0].Text).ToList())))
               && body.Any(r => r[count].Text.Length > 0)
               && (count == 0 || body.Any(r => r[count - 1].Spanned)))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// True for a first column that numbers its rows ("1", "2", "3" months, ranks): small whole numbers
    /// without grouping, rising, among text labels ("Totaal"); such a column labels, it holds no amounts.
    /// </summary>
    private static bool Numbering(List<string> cells)
    {
        var numbers = cells.Where(c => c.Length > 0 && c.All(char.IsAsciiDigit)).ToList();
        if (numbers.Count < 2 || numbers.Any(n => n.Length > 3) || cells.Any(c => c.Length > 0 && !c.All(char.IsAsciiDigit) && CellReader.IsAmount(c)))
        {
            return false;
        }

        var values = numbers.Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return values.Zip(values.Skip(1)).All(p => p.Second > p.First);
    }

    /// <summary>Header levels outer to inner, empty levels and a merged cell's repeats dropped.</summary>
    private static string JoinLevels(IEnumerable<string> levels)
    {
        var kept = new List<string>();
        foreach (var level in levels)
        {
            if (level.Length > 0 && (kept.Count == 0 || kept[^1] != level))
            {
                kept.Add(level);
            }
        }

        return string.Join(Joint, kept);
    }

    private static string LastLevel(string label)
    {
        var at = label.LastIndexOf(Joint, StringComparison.Ordinal);
        return at < 0 ? label : label[(at + Joint.Length)..];
    }
}
