using System.Collections.Immutable;
using QaIngest.Parse;

namespace QaIngest.Figures;

/// <summary>A total and the parts a gold file says add up to it, with where the total stands.</summary>
public sealed record GoldSum(decimal Total, ImmutableArray<decimal> Parts, TextLocation Location);
