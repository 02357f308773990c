namespace QaIngest.Fetch;

/// <summary>
/// A document that cannot be fetched: for good (404, 410, a refused or looping redirect, an oversize
/// body…), or, with a 408/425/429/5xx status left after the retries, for now (<see cref="Transient"/>).
/// </summary>
public sealed class FetchFailedException(string reason, int? statusCode = null) : Exception(reason)
{
    public string Reason { get; } = reason;

    public int? StatusCode { get; } = statusCode;

    /// <summary>True when asking again later may succeed: the server was busy or failing (408, 425, 429, 5xx).</summary>
    public bool Transient => StatusCode is 408 or 425 or 429 or >= 500;
}
