using System.Collections.Immutable;

namespace QaIngest.Search;

/// <summary>
/// One matching item (a question, an answer, a preamble) with its written question's metadata,
/// a snippet whose matches are marked «thus», its score (higher is better) and its figures.
/// </summary>
public sealed record SearchHit(
    string Source,
    int? DocumentNumber,
    string? Title,
    DateOnly? Date,
    string? Asker,
    string? Minister,
    string Section,
    int? Number,
    string Snippet,
    double Score,
    ImmutableArray<HitFigure> Figures)
{
    /// <summary>True when the hit matched only through a compound word that contains a query term.</summary>
    public bool ViaCompound { get; init; }
}
