using System.Collections.Immutable;
using QaIngest.Parse;

namespace QaIngest.Figures;

/// <summary>
/// A consistency check between figures of one text: a stated total against the sum of the amounts
/// listed under it, or against a count times a rate. A check that does not hold is a finding to
/// show the user, not an error. Build one through <see cref="Sum"/> or <see cref="Product"/>, which
/// compute <see cref="Computed"/> and <see cref="Holds"/>, so a check cannot disagree with its figures.
/// </summary>
public sealed record Check
{
    private Check(CheckKind kind, Figure total, ImmutableArray<Figure> parts, decimal computed)
    {
        Kind = kind;
        Total = total;
        Parts = parts;
        Computed = computed;
        // A total written with a scale word ("24 miljoen") is rounded; it holds when the parts agree
        // at the precision it was written with. Exact totals must match exactly.
        Holds = Math.Abs(computed - total.Value) <= total.Tolerance;
    }

    public CheckKind Kind { get; }
    /// <summary>The stated total.</summary>
    public Figure Total { get; }
    /// <summary>The amounts that make up the total: the listed amounts, or the count and the rate.</summary>
    public ImmutableArray<Figure> Parts { get; }
    /// <summary>The sum or product of <see cref="Parts"/>.</summary>
    public decimal Computed { get; }
    public bool Holds { get; }
    /// <summary>Where the stated total stands.</summary>
    public TextLocation Location => Total.Location;

    /// <summary>A sum check. Needs at least two parts.</summary>
    /// <exception cref="ArgumentException">Fewer than two parts.</exception>
    public static Check Sum(Figure total, IEnumerable<Figure> parts)
    {
        var list = parts.ToImmutableArray();
        if (list.Length < 2)
        {
            throw new ArgumentException("A sum needs at least two parts.", nameof(parts));
        }

        return new Check(CheckKind.Sum, total, list, list.Sum(p => p.Value));
    }

    /// <summary>A product check: <paramref name="count"/> times <paramref name="rate"/> against <paramref name="total"/>.</summary>
    /// <exception cref="ArgumentException">The count is not a count or the rate is not a rate.</exception>
    public static Check Product(Figure total, Figure count, Figure rate)
    {
        if (count.Kind != FigureKind.Count)
        {
            throw new ArgumentException("The first factor must be a count.", nameof(count));
        }

        if (rate.Kind != FigureKind.Rate)
        {
            throw new ArgumentException("The second factor must be a rate.", nameof(rate));
        }

        return new Check(CheckKind.Product, total, [count, rate], count.Value * rate.Value);
    }
}
