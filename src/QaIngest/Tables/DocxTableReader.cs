using System.Collections.Immutable;
using System.IO;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using QaIngest.Text;
using WordCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;
using WordTable = DocumentFormat.OpenXml.Wordprocessing.Table;

namespace QaIngest.Tables;

/// <summary>
/// Reads every top-level <c>w:tbl</c> of a DOCX into a <see cref="Table"/>: <c>w:gridSpan</c> and
/// <c>w:vMerge</c> laid out on the grid, <c>w:tblHeader</c> rows as header, the paragraph just before
/// the table as caption when it is short (or styled as a caption). Never throws for a broken package.
/// </summary>
public static class DocxTableReader
{
    private const int MaxTables = 500;

    public static ImmutableArray<Table> Read(byte[] docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        try
        {
            using var stream = new MemoryStream(docx, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return [];
            }

            var tables = ImmutableArray.CreateBuilder<Table>();
            string? previous = null;
            foreach (var element in body.ChildElements)
            {
                if (element is Paragraph paragraph)
                {
                    var text = LineReader.Collapse(paragraph.InnerText);
                    previous = text.Length > 0 ? text : previous;
                }
                else if (element is WordTable table && tables.Count < MaxTables)
                {
                    if (Read(table, previous is { Length: <= 160 } ? previous : null) is { } read)
                    {
                        tables.Add(read);
                    }

                    previous = null;
                }
            }

            return tables.ToImmutable();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FormatException or System.Xml.XmlException or IOException)
        {
            // The text extractor reports a corrupt package; a table reader only finds no tables.
            return [];
        }
    }

    private static Table? Read(WordTable table, string? caption)
    {
        var layout = new GridLayout();
        var headerRows = 0;
        var inHeader = true;

        // A vertically merged cell continues the one above in the same grid column.
        var columnTexts = new Dictionary<int, string>();
        foreach (var row in table.Elements<TableRow>())
        {
            layout.NextRow();
            var isHeader = row.TableRowProperties?.GetFirstChild<TableHeader>() is not null;
            if (inHeader && isHeader)
            {
                headerRows++;
            }
            else
            {
                inHeader = false;
            }

            var column = 0;
            foreach (var cell in row.Elements<WordCell>())
            {
                var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                var merge = cell.TableCellProperties?.VerticalMerge;
                var continues = merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
                var text = LineReader.Collapse(string.Join(' ', cell.Elements<Paragraph>().Select(p => p.InnerText)));
                if (continues)
                {
                    // The slot is a copy of the merged cell above: a label for its row, never a second value.
                    layout.AddCopy(columnTexts.GetValueOrDefault(column, ""), span);
                }
                else
                {
                    layout.Add(text, 1, span);
                    columnTexts[column] = text;
                }

                column += Math.Max(span, 1);
                if (layout.Full)
                {
                    break;
                }
            }
        }

        return TableBuilder.Build(layout.ToGrid(), caption, headerRows > 0 ? headerRows : null);
    }
}
