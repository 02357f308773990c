using QaIngest.Parse;

namespace QaIngest.Figures;

/// <summary>
/// A figure a correct extraction must find, as listed in a gold file: kind, value and where it
/// stands (section and number; a gold location without a part matches every part of the item).
/// Money per unit is listed as money, with <see cref="Per"/> set.
/// </summary>
public sealed record GoldFigure(FigureKind Kind, decimal Value, TextLocation Location)
{
    public string? Text { get; init; }
    public string? Currency { get; init; }
    public string? Per { get; init; }
}
