using System.Collections.Immutable;

namespace QaIngest.Search;

/// <summary>The hits of a search, the number of matching items, and facet counts when asked for.</summary>
public sealed record SearchResults(string Query, long Total, ImmutableArray<SearchHit> Hits)
{
    /// <summary>
    /// True when <see cref="Total"/> (and the facet counts) are estimates: a query matching very many
    /// items is ranked among the most recent matches and counted there, then scaled up.
    /// </summary>
    public bool TotalIsEstimate { get; init; }

    public ImmutableDictionary<string, ImmutableArray<FacetCount>> Facets { get; init; } = ImmutableDictionary<string, ImmutableArray<FacetCount>>.Empty;
}
