namespace QaIngest.Search;

/// <summary>One search: the query text and how to present its hits.</summary>
public sealed record SearchRequest(string Query)
{
    /// <summary>How many hits to return (1 to 1000).</summary>
    public int Limit { get; init; } = 10;
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    /// <summary>Also count matching items per minister, asker and year.</summary>
    public bool Facets { get; init; }
    /// <summary>Reach compound words through their parts ("kinderopvang" → "kinderopvangvergoeding"), ranked below direct hits.</summary>
    public bool Compounds { get; init; } = true;
}
