using System.Collections.Immutable;
using System.Text;
using QaIngest.Tables;

namespace QaIngest.Cli.Output;

/// <summary>
/// Tables as aligned text for the outline of <c>parse</c>: caption, header rows, then each row's label
/// and cells in padded columns; a table read from flattened text without a certain grid is listed
/// as "row: cells".
/// </summary>
public static class TableOutline
{
    private const int MaxWidth = 28;

    public static string Render(ImmutableArray<Table> tables)
    {
        if (tables.IsDefaultOrEmpty)
        {
            return "";
        }

        var sb = new StringBuilder();
        sb.AppendLine($"tables ({tables.Length}):");
        foreach (var table in tables)
        {
            var where = table.Annex is { } annex ? $"annex {annex}, sheet {table.SheetNumber}" + (table.Sheet is { } name ? $" '{name}'" : "") : table.Location?.ToString() ?? "?";
            sb.AppendLine($"  {where}: {table.Caption ?? "(no caption)"}" + (table.Unit is { } unit ? $" [{unit}]" : "") + (table.Structured ? "" : " (cells as a list: the grid is not certain)"));
            if (!table.Structured)
            {
                foreach (var row in table.Cells.GroupBy(c => c.Row))
                {
                    sb.AppendLine($"    {Cut(row.First().RowLabel)}: {string.Join("  ", row.Select(c => c.Text))}");
                }

                continue;
            }

            var width = table.ColumnLabels.Length;
            var lines = new List<string[]>();
            lines.AddRange(table.HeaderRows.Select(h => h.Select(Cut).ToArray()));
            for (var r = 0; r < table.RowLabels.Length; r++)
            {
                var line = new string[width];
                line[0] = Cut(table.RowLabels[r]);
                foreach (var cell in table.Cells.Where(c => c.Row == r))
                {
                    line[cell.Column] = Cut(cell.Text);
                }

                lines.Add(line);
            }

            var widths = Enumerable.Range(0, width).Select(c => lines.Max(l => (l.Length > c ? l[c] : null)?.Length ?? 0)).ToArray();
            foreach (var line in lines)
            {
                sb.AppendLine("    " + string.Join(" | ", Enumerable.Range(0, width).Select(c => (line.Length > c ? line[c] ?? "" : "").PadRight(widths[c]))).TrimEnd());
            }

            if (table.TotalsRow is { } totals)
            {
                sb.AppendLine($"    (totals row: {totals})");
            }
        }

        return sb.ToString();
    }

    private static string Cut(string text) => text.Length <= MaxWidth ? text : text[..(MaxWidth - 1)] + "…";
}
