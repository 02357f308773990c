using System.Collections.Immutable;

namespace QaIngest.Figures;

/// <summary>The figures of a written question (or of one text) in document order, with the checks between them.</summary>
public sealed record FigureExtraction(ImmutableArray<Figure> Figures, ImmutableArray<Check> Checks)
{
    public static FigureExtraction Empty { get; } = new([], []);
}
