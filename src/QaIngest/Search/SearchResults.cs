using System.Collections.Immutable;

namespace QaIngest.Search;

/// <summary>The hits of a search, the number of matching items, and facet counts when asked for.</summary>
public sealed record SearchResults(string Query, long Total, ImmutableArray<SearchHit> Hits)
{
    public ImmutableDictionary<string, ImmutableArray<FacetCount>> Facets { get; init; } = ImmutableDictionary<string, ImmutableArray<FacetCount>>.Empty;
}
