using System.Collections.Immutable;

namespace QaIngest.Figures;

/// <summary>The figures of a written question (or of one text) in document order, with the checks between them.</summary>
public sealed record FigureExtraction(ImmutableArray<Figure> Figures, ImmutableArray<Check> Checks)
{
    /// <summary>
    /// Every table of the question: those its source marked (HTML, DOCX, XLSX annexes) and those read
    /// back from flattened text; their number cells are among <see cref="Figures"/>, with row and column.
    /// </summary>
    public ImmutableArray<QaIngest.Tables.Table> Tables { get; init; } = [];

    public static FigureExtraction Empty { get; } = new([], []);
}
