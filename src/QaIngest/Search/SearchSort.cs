namespace QaIngest.Search;

/// <summary>How hits are ordered.</summary>
public enum SearchSort
{
    Relevance,
    Date,
    Amount,
}
