using System.Collections.Immutable;

namespace QaIngest.Figures;

/// <summary>
/// The result of comparing extracted figures with gold facts: a <see cref="KindScore"/> for money
/// (rates included), percentages and counts, and the figures on either side that found no match.
/// </summary>
public sealed record FigureScores(ImmutableArray<KindScore> Kinds, ImmutableArray<Figure> Unexpected, ImmutableArray<GoldFigure> Missed)
{
    /// <summary>The kinds scored, in the order they are reported; rates are scored as money.</summary>
    public static ImmutableArray<FigureKind> ScoredKinds { get; } = [FigureKind.Money, FigureKind.Percentage, FigureKind.Count];

    public static FigureScores Empty { get; } = new(ScoredKinds.Select(k => new KindScore(k, 0, 0, 0)).ToImmutableArray(), [], []);

    /// <summary>The score for <paramref name="kind"/>; <see cref="FigureKind.Rate"/> gives the money score.</summary>
    public KindScore this[FigureKind kind] => Kinds.First(k => k.Kind == FigureEvaluation.ScoredAs(kind));

    /// <summary>Adds up the scores of several documents.</summary>
    public static FigureScores Combine(IEnumerable<FigureScores> scores)
    {
        var total = Empty;
        foreach (var score in scores)
        {
            total = new FigureScores(
                total.Kinds.Zip(score.Kinds, (a, b) => a.Add(b)).ToImmutableArray(),
                total.Unexpected.AddRange(score.Unexpected),
                total.Missed.AddRange(score.Missed));
        }

        return total;
    }
}
