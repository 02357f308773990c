using System.Collections.Immutable;

namespace QaIngest.Search;

/// <summary>The hits of a search, the number of matching items, and facet counts when asked for.</summary>
public sealed record SearchResults(string Query, long Total, ImmutableArray<SearchHit> Hits)
{
    /// <summary>
    /// True when <see cref="Total"/> (and the facet counts) are estimates: a query matching very many
    /// items is ranked among the most recent items (see <see cref="RankedWindow"/>) and, when its words are in
    /// too many items to count them all quickly, counted there and scaled up.
    /// </summary>
    public bool TotalIsEstimate { get; init; }

    /// <summary>
    /// Set when the hits were ranked among the most recent items only (a query whose words are in
    /// very many items): how many item ids the window spans. Null when every match was ranked.
    /// </summary>
    public long? RankedWindow { get; init; }

    public ImmutableDictionary<string, ImmutableArray<FacetCount>> Facets { get; init; } = ImmutableDictionary<string, ImmutableArray<FacetCount>>.Empty;
}
