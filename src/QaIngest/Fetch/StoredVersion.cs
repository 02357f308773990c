namespace QaIngest.Fetch;

/// <summary>The last stored version of a URL: the validators for a conditional request and where its bytes are.</summary>
public sealed record StoredVersion(string? ETag, DateTimeOffset? LastModified, string Sha256, string RawPath, FileFormat Format, string? ContentType, long Size);
