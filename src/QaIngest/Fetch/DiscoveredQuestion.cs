using System.Collections.Immutable;

namespace QaIngest.Fetch;

/// <summary>A written question found by discovery: its ids, number, date, people and the URLs of its documents.</summary>
public sealed record DiscoveredQuestion
{
    /// <summary>The open-data id (from the <c>opendata</c> URL), when the result names one.</summary>
    public OpenDataId? Id { get; init; }
    public int? Number { get; init; }
    public DateOnly? Date { get; init; }
    public string? SessionYear { get; init; }
    public string? Asker { get; init; }
    public string? Minister { get; init; }
    public string? Title { get; init; }
    public Uri? Page { get; init; }
    public Uri? OpenData { get; init; }
    public ImmutableArray<Uri> Documents { get; init; } = [];
    public ImmutableArray<string> Themes { get; init; } = [];
}
