namespace QaIngest.Search;

/// <summary>How many matching items have this value (a minister, an asker, a year).</summary>
public sealed record FacetCount(string Value, long Count);
