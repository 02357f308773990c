using System.Collections.Immutable;

namespace QaIngest.Figures;

/// <summary>
/// Compares extracted figures with gold facts and scores precision and recall per kind. A found
/// figure matches a gold one of the same kind (a rate counts as money) with the same value, the
/// same currency when the gold names one, and the same location (section and number; the part only
/// when the gold names one). Each figure matches at most once. Pure.
/// </summary>
/// <remarks>
/// The gold lists of money and percentages are complete, so their precision is meaningful; the gold
/// count lists are not, so count precision is only a lower bound.
/// </remarks>
public static class FigureEvaluation
{
    public static FigureScores Evaluate(IEnumerable<Figure> found, IEnumerable<GoldFigure> gold)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(gold);
        var foundList = found.ToList();
        var goldList = gold.ToList();
        var kinds = ImmutableArray.CreateBuilder<KindScore>();
        var unexpected = ImmutableArray.CreateBuilder<Figure>();
        var missed = ImmutableArray.CreateBuilder<GoldFigure>();
        foreach (var kind in FigureScores.ScoredKinds)
        {
            var candidates = foundList.Where(f => ScoredAs(f.Kind) == kind).ToList();
            var expected = goldList.Where(g => ScoredAs(g.Kind) == kind).ToList();
            var taken = new bool[candidates.Count];
            var matched = 0;
            foreach (var g in expected)
            {
                var index = -1;
                for (var i = 0; i < candidates.Count && index < 0; i++)
                {
                    index = !taken[i] && Matches(candidates[i], g) ? i : -1;
                }

                if (index < 0)
                {
                    missed.Add(g);
                    continue;
                }

                taken[index] = true;
                matched++;
            }

            unexpected.AddRange(candidates.Where((_, i) => !taken[i]));
            kinds.Add(new KindScore(kind, candidates.Count, expected.Count, matched));
        }

        return new FigureScores(kinds.ToImmutable(), unexpected.ToImmutable(), missed.ToImmutable());
    }

    /// <summary>The kind a figure is scored as: rates are money amounts.</summary>
    public static FigureKind ScoredAs(FigureKind kind) => kind == FigureKind.Rate ? FigureKind.Money : kind;

    private static bool Matches(Figure found, GoldFigure gold) =>
        found.Value == gold.Value
        && (gold.Currency is null || string.Equals(found.Currency, gold.Currency, StringComparison.OrdinalIgnoreCase))
        && found.Location.Section == gold.Location.Section
        && found.Location.Number == gold.Location.Number
        && (gold.Location.Part is null || string.Equals(found.Location.Part, gold.Location.Part, StringComparison.OrdinalIgnoreCase));
}
