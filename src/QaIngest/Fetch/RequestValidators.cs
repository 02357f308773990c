namespace QaIngest.Fetch;

/// <summary>What a conditional request sends: <c>If-None-Match</c> and <c>If-Modified-Since</c> from an earlier fetch.</summary>
public sealed record RequestValidators(string? ETag, DateTimeOffset? LastModified);
