namespace QaIngest.Search;

/// <summary>A figure of a hit, as stored in the index; a table figure also carries its row, column and table.</summary>
public sealed record HitFigure(string Kind, decimal Value, string? Currency, string? Unit, string? Per, string Text, string? Qualifier, string? Part)
{
    /// <summary>For a table cell: its row label (label columns joined with " / "); null for a figure of running text.</summary>
    public string? Row { get; init; }

    /// <summary>For a table cell: its column label (header levels joined with " / ").</summary>
    public string? Column { get; init; }

    /// <summary>For a table cell: the table's caption ("" when it has none), or the annex sheet ("bijlage 1, tabblad 4").</summary>
    public string? Table { get; init; }
}
