using System.Collections.Immutable;
using System.Globalization;

namespace QaIngest.Search;

/// <summary>
/// How large a query <see cref="QueryParser"/> accepts: nesting (parentheses and NOT), clauses, and
/// the values of the numeric fields. A query past one is a <see cref="QueryError"/> at the offending
/// character, so no query can overflow the stack (the parser descends once per level) or a number.
/// </summary>
/// <param name="MaxDepth">Levels of parentheses and NOT one inside the other.</param>
/// <param name="MaxClauses">Words, phrases and field filters in the whole query.</param>
public sealed record QueryParserLimits(int MaxDepth, int MaxClauses)
{
    /// <summary>32 levels (no real query nests more than a few) and 1,024 clauses (Lucene's own cap on one group).</summary>
    public static QueryParserLimits Default { get; } = new(32, 1024);

    /// <summary>The deepest <see cref="MaxDepth"/> may be set: the parser and the compiler descend a few calls per level, and 256 levels stay far from the stack's end.</summary>
    public const int DepthCeiling = 256;

    /// <summary>
    /// The values each numeric field can hold: a year as dates have it, a question number as the
    /// index stores it (a 32-bit integer), an amount up to the largest the figure extractor reads.
    /// </summary>
    public static ImmutableDictionary<string, NumericRange> NumericRanges { get; } = new Dictionary<string, NumericRange>(StringComparer.Ordinal)
    {
        ["year"] = new(1, 9999),
        ["number"] = new(0, int.MaxValue),
        ["amount"] = new(0, 1_000_000_000_000_000_000m),
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The lowest and highest value a numeric field accepts, both included.</summary>
    public sealed record NumericRange(decimal Min, decimal Max)
    {
        public bool Contains(decimal value) => value >= Min && value <= Max;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min}..{Max}");
    }
}
