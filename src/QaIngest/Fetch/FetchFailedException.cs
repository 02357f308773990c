namespace QaIngest.Fetch;

/// <summary>A document that cannot be fetched for a reason retrying will not change (404, redirect loop, oversize…).</summary>
public sealed class FetchFailedException(string reason, int? statusCode = null) : Exception(reason)
{
    public string Reason { get; } = reason;

    public int? StatusCode { get; } = statusCode;
}
