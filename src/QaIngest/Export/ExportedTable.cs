namespace QaIngest.Export;

/// <summary>One file an export wrote: the table, the file's path, its rows and bytes.</summary>
public sealed record ExportedTable(string Name, string File, long Rows, long Bytes);
