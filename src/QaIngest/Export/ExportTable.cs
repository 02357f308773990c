using System.Collections.Immutable;

namespace QaIngest.Export;

/// <summary>
/// One exported table: its rows are <see cref="From"/> in <see cref="OrderBy"/> order, one column
/// per <see cref="Columns"/>; <see cref="DocumentId"/> is the SQL expression of the row's document
/// (which <c>--query</c> selects by), not exported.
/// </summary>
public sealed record ExportTable(string Name, string Description, string From, string DocumentId, string OrderBy, ImmutableArray<ExportColumn> Columns)
{
    /// <summary>The query that reads the rows: the document id, then the columns.</summary>
    public string Select => $"SELECT {DocumentId}, {string.Join(", ", Columns.Select(c => c.Sql))} FROM {From} ORDER BY {OrderBy}";
}
