using System.Collections.Immutable;
using QaIngest.Parse;

namespace QaIngest.Figures;

/// <summary>
/// One figure found in a text: its normalised value, what it measures, and where it stands.
/// <see cref="Start"/> and <see cref="Length"/> are offsets of <see cref="Text"/> in the text the
/// figure was extracted from (an item's lead text, one of its parts, or a preamble), so
/// <c>source.Substring(Start, Length) == Text</c>; a figure read from a table cell that stands in no
/// text (an annex sheet) has <see cref="Start"/> -1 and <see cref="Length"/> 0. Immutable and thread-safe.
/// </summary>
public sealed record Figure(FigureKind Kind, decimal Value, string Text, int Start, int Length, TextLocation Location)
{
    /// <summary>ISO 4217 code ("EUR") for money and rates; null for other kinds.</summary>
    public string? Currency { get; init; }

    /// <summary>
    /// What a count counts ("werkzoekenden"), or "percent" / "procentpunt" for a percentage;
    /// null for money and rates.
    /// </summary>
    public string? Unit { get; init; }

    /// <summary>For a rate, the unit the money is per ("traject"); null otherwise.</summary>
    public string? Per { get; init; }

    /// <summary>The sentence the figure stands in, trimmed.</summary>
    public string Sentence { get; init; } = "";

    /// <summary>The word or phrase that hedges the value ("ongeveer", "meer dan"), lower case; null when none.</summary>
    public string? Qualifier { get; init; }

    /// <summary>The years named in the same sentence, in order of appearance, without repeats.</summary>
    public ImmutableArray<int> Years { get; init; } = [];

    /// <summary>True when the currency was not written but inferred from context ("een budget van 6 miljoen").</summary>
    public bool Implied { get; init; }

    /// <summary>For a range ("tussen 2 en 3 miljoen euro"), the upper end; <see cref="Value"/> is then the lower end.</summary>
    public decimal? RangeEnd { get; init; }

    /// <summary>
    /// Set when the figure is reported as written but its writing is doubtful, e.g. a misplaced
    /// thousands separator ("1.591.505.98 euro" is 159150598 as written); null otherwise.
    /// </summary>
    public string? Warning { get; init; }

    /// <summary>For a figure in a table: its row's label ("Limburg", label columns joined with " / "); null otherwise.</summary>
    public string? Row { get; init; }

    /// <summary>For a figure in a table: its column's header levels joined outer to inner with " / " ("2023"); null otherwise.</summary>
    public string? Column { get; init; }

    /// <summary>For a figure in a table: the table's caption or nearest title ("Tabel 3a: ..."), "" when it has none; null outside tables.</summary>
    public string? Table { get; init; }

    /// <summary>For a figure in an annex sheet: the annex number and the sheet's name ("bijlage 1, tabblad 4"); null otherwise.</summary>
    public string? Sheet { get; init; }

    /// <summary>True when the figure is a range; see <see cref="RangeEnd"/>.</summary>
    public bool IsRange => RangeEnd is not null;

    /// <summary>True for money amounts, rates included (a rate is money per unit).</summary>
    public bool IsMoney => Kind is FigureKind.Money or FigureKind.Rate;

    /// <summary>
    /// How precisely the value was written: half a unit of its last written digit ("24 miljoen" is
    /// 24000000 ± 500000, "€ 93.167.648" is exact, so 0.5). Checks use it to accept rounded totals.
    /// </summary>
    public decimal Tolerance { get; init; }
}
