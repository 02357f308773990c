namespace QaIngest.Fetch;

/// <summary>How a fetch ended: new bytes stored, nothing new (304 or the same hash), or failed with a reason.</summary>
public enum FetchStatus
{
    Fetched,
    Unchanged,
    Failed,
}
