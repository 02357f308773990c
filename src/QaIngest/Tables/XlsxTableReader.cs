using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaIngest.Text;

namespace QaIngest.Tables;

/// <summary>
/// Reads every sheet of an XLSX workbook (an annex) into a <see cref="Table"/>: a title row of one
/// cell becomes the caption, merged cells are spread over the slots they cover, empty spacer rows and
/// columns are dropped, numbers come from the stored value (a formula's cached result), and a cell
/// formatted as a percentage reads in percent (0.125 is 12.5). Never throws for a broken package.
/// </summary>
public static class XlsxTableReader
{
    private const int MaxRows = 20_000;
    private const int MaxColumns = 200;

    /// <param name="annex">The annex's 1-based number, kept on each sheet's table so a reference "bijlage 1, tabblad 4" finds it.</param>
    public static ImmutableArray<Table> Read(byte[] xlsx, int? annex = null)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        try
        {
            using var stream = new MemoryStream(xlsx, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart;
            if (workbook?.Workbook?.Sheets is null)
            {
                return [];
            }

            var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var percentStyles = PercentStyles(workbook);
            var tables = ImmutableArray.CreateBuilder<Table>();
            var number = 0;
            foreach (var sheet in workbook.Workbook.Sheets.Elements<Sheet>())
            {
                number++;
                if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                {
                    continue;
                }

                if (Read(part.Worksheet, strings, percentStyles) is { } table)
                {
                    tables.Add(table with { Sheet = sheet.Name?.Value, SheetNumber = number, Annex = annex });
                }
            }

            return tables.ToImmutable();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FormatException or System.Xml.XmlException or IOException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return [];
        }
    }

    private static Table? Read(Worksheet worksheet, List<string> strings, HashSet<uint> percentStyles)
    {
        var slots = new Dictionary<(int Row, int Column), string>();
        var maxRow = -1;
        var maxColumn = -1;
        foreach (var cell in worksheet.Descendants<Cell>())
        {
            if (cell.CellReference?.Value is not { } reference || !TryPosition(reference, out var row, out var column) || row >= MaxRows || column >= MaxColumns)
            {
                continue;
            }

            var text = CellText(cell, strings, percentStyles);
            if (text.Length == 0)
            {
                continue;
            }

            slots[(row, column)] = text;
            maxRow = Math.Max(maxRow, row);
            maxColumn = Math.Max(maxColumn, column);
        }

        if (maxRow < 0)
        {
            return null;
        }

        var grid = Enumerable.Range(0, maxRow + 1)
            .Select(r => Enumerable.Range(0, maxColumn + 1).Select(c => new GridCell(slots.GetValueOrDefault((r, c), ""))).ToArray())
            .ToArray();

        // A merged range shows its first cell's text over every slot it covers.
        foreach (var merge in worksheet.Descendants<MergeCell>())
        {
            var range = merge.Reference?.Value?.Split(':');
            if (range is not { Length: 2 } || !TryPosition(range[0], out var top, out var left) || !TryPosition(range[1], out var bottom, out var right))
            {
                continue;
            }

            var text = top <= maxRow && left <= maxColumn ? grid[top][left].Text : "";
            for (var r = top; r <= Math.Min(bottom, maxRow); r++)
            {
                for (var c = left; c <= Math.Min(right, maxColumn); c++)
                {
                    if (r != top || c != left)
                    {
                        grid[r][c] = new GridCell(text, Spanned: true);
                    }
                }
            }
        }

        var rows = grid.Where(r => r.Any(c => c.Text.Length > 0)).ToList();
        string? caption = null;

        // A title over the sheet: a first row whose only text is one cell (or one merged range).
        if (rows.Count > 1 && rows[0].Count(c => c.Text.Length > 0 && !c.Spanned) == 1 && !CellReader.IsAmount(rows[0].First(c => c.Text.Length > 0).Text))
        {
            caption = rows[0].First(c => c.Text.Length > 0).Text;
            rows.RemoveAt(0);
        }

        return TableBuilder.Build(rows.Select(r => (IReadOnlyList<GridCell>)r).ToList(), caption);
    }

    private static string CellText(Cell cell, List<string> strings, HashSet<uint> percentStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count ? LineReader.Collapse(strings[index]) : "";
        }

        if (type == CellValues.InlineString)
        {
            return LineReader.Collapse(cell.InlineString?.InnerText ?? "");
        }

        if (type == CellValues.String || type == CellValues.Boolean || type == CellValues.Error)
        {
            return LineReader.Collapse(raw);
        }

        if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return LineReader.Collapse(raw);
        }

        // Written back the Dutch way, so the cell reads like the printed sheet and like every other table.
        var percent = cell.StyleIndex?.Value is { } style && percentStyles.Contains(style);
        if (percent)
        {
            value *= 100;
        }

        // The process runs in invariant-globalization mode (no nl-BE culture): the invariant grouping with
        // its marks swapped is the Dutch writing ("17,217,361.29" → "17.217.361,29").
        var rounded = decimal.Round(value, 6) / 1.000000000000000000000000000m;
        var decimals = BitConverter.GetBytes(decimal.GetBits(rounded)[3])[2];
        var invariant = rounded.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var text = string.Create(invariant.Length, invariant, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch { ',' => '.', '.' => ',', var c => c };
            }
        });
        return percent ? text + "%" : text;
    }

    /// <summary>The cell styles whose number format shows a percentage (built-in formats 9 and 10, or a custom one with '%').</summary>
    private static HashSet<uint> PercentStyles(WorkbookPart workbook)
    {
        var result = new HashSet<uint>();
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is null)
        {
            return result;
        }

        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value?.Contains('%', StringComparison.Ordinal) == true)
            .Select(f => f.NumberFormatId?.Value ?? 0)
            .ToHashSet() ?? [];
        uint index = 0;
        foreach (var format in stylesheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is 9 or 10 || custom.Contains(id))
            {
                result.Add(index);
            }

            index++;
        }

        return result;
    }

    /// <summary>"B12" → row 11, column 1 (0-based).</summary>
    private static bool TryPosition(string reference, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]) && i < 3)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }

        if (i == 0 || i == reference.Length || !int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out row) || row < 1)
        {
            return false;
        }

        row--;
        column--;
        return true;
    }
}
