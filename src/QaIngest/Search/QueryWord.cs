using System.Collections.Immutable;

namespace QaIngest.Search;

/// <summary>A positive query word for ranking: the terms that satisfy it, or a prefix.</summary>
public sealed record QueryWord(ImmutableHashSet<string> Terms, string? Prefix)
{
    /// <summary>True when any of the analysed terms satisfies this word.</summary>
    public bool IsIn(IReadOnlySet<string> analysed) =>
        Prefix is null ? Terms.Overlaps(analysed) : analysed.Any(t => t.StartsWith(Prefix, StringComparison.Ordinal));
}
