using System.Net.Http.Headers;

namespace QaIngest.Fetch;

/// <summary>
/// One HTTP GET as the fetcher saw it: status, the headers it acts on and the whole body (empty for
/// redirects, 304 and errors). Bodies are bounded by <see cref="FetchOptions.MaxBodyBytes"/>.
/// </summary>
public sealed record HttpExchange(
    Uri Url,
    int StatusCode,
    string? ContentType,
    string? ETag,
    DateTimeOffset? LastModified,
    Uri? Location,
    RetryConditionHeaderValue? RetryAfter,
    ReadOnlyMemory<byte> Body)
{
    public bool IsRedirect => StatusCode is 301 or 302 or 303 or 307 or 308;

    public bool IsNotModified => StatusCode == 304;

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
