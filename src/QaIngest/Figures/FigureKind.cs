namespace QaIngest.Figures;

/// <summary>What a figure measures.</summary>
public enum FigureKind
{
    /// <summary>An amount of money, in the currency's unit ("24 miljoen euro" = 24000000 EUR).</summary>
    Money,
    /// <summary>A percentage ("30 procent", "85%"); the value is in percent, not a fraction.</summary>
    Percentage,
    /// <summary>A number with the noun it counts ("18.000 werkzoekenden").</summary>
    Count,
    /// <summary>Money per unit ("4.800 euro per traject"); a rate is also a money amount.</summary>
    Rate,
}
