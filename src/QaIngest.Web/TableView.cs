using System.Collections.Immutable;

namespace QaIngest.Web;

/// <summary>
/// A table of a document as the store keeps it (<c>doc_tables</c> and its number cells in
/// <c>table_cells</c>): caption, the item it stands in (or the annex sheet it is), its unit, its
/// columns (header levels joined with " / ", outer first) and rows in reading order, and its cells.
/// </summary>
public sealed record TableView(
    string? Caption,
    string Section,
    int? Number,
    int? Annex,
    int? SheetNumber,
    string? Sheet,
    string? Unit,
    string? TotalsRow,
    ImmutableArray<string> Columns,
    ImmutableArray<string> Rows,
    ImmutableArray<TableCellView> Cells);
