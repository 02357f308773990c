using System.Collections.Immutable;

namespace QaIngest.Export;

/// <summary>What an export wrote: the format, the folder, a file per table, and how many documents a <c>--query</c> selected.</summary>
public sealed record ExportReport(string Format, string Directory, ImmutableArray<ExportedTable> Tables)
{
    /// <summary>The documents the query selected; null when every document was exported.</summary>
    public long? SelectedDocuments { get; init; }

    public double Seconds { get; init; }
}
