using System.Collections.Immutable;
using QaIngest.Search;

namespace QaIngest.Web;

/// <summary>The facet counts of a query: for each facet the values with the number of matching items.</summary>
public sealed record FacetsResult(string Query, long Total, bool TotalIsEstimate, ImmutableDictionary<string, ImmutableArray<FacetCount>> Facets);
