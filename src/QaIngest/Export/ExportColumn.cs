namespace QaIngest.Export;

/// <summary>One column of an exported table: its name, type and meaning, and the SQL expression over the record that gives it.</summary>
public sealed record ExportColumn(string Name, ColumnType Type, string Description, string Sql);
