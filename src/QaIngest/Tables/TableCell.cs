namespace QaIngest.Tables;

/// <summary>
/// One non-empty body cell of a <see cref="Table"/>: its grid position (0-based, counted over the body
/// rows and over all columns), the labels that say what it is, its text as written and its number.
/// </summary>
/// <param name="RowLabel">The row's label columns joined with " / " ("Limburg", "2021 / Antwerpen").</param>
/// <param name="ColumnLabel">The column's header levels joined outer to inner with " / " ("2023 / Aantal").</param>
/// <param name="Value">The number as written (Dutch grouping: "1.234,5" is 1234.5, "12,5%" is 12.5), without the table's scale; null for text.</param>
public sealed record TableCell(int Row, int Column, string RowLabel, string ColumnLabel, string Text, decimal? Value, TableCellKind Kind);
