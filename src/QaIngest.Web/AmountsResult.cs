using System.Collections.Immutable;
using QaIngest.Index;

namespace QaIngest.Web;

/// <summary>The largest money amounts for a query and the amounts summed by year (the answers' dates).</summary>
public sealed record AmountsResult(string? Query, ImmutableArray<AmountRow> Amounts, ImmutableArray<YearAmount> ByYear)
{
    public static AmountsResult Of(string? query, ImmutableArray<AmountRow> rows, int shown)
    {
        var years = rows.Where(r => r.Date is not null && r.Kind == "money" && r.Currency is null or "EUR")
            .GroupBy(r => r.Date!.Value.Year).OrderBy(g => g.Key)
            .Select(g => new YearAmount(g.Key, g.Count(), g.Sum(r => r.Value))).ToImmutableArray();
        return new AmountsResult(query, [.. rows.Take(shown)], years);
    }
}
