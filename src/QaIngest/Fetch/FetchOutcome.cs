namespace QaIngest.Fetch;

/// <summary>
/// One fetch as the manifest records it: what was asked for, where it led, what came back and how
/// it ended. <see cref="FailureReason"/> is set exactly when <see cref="Status"/> is Failed.
/// </summary>
public sealed record FetchOutcome
{
    public required string Target { get; init; }
    public LinkId? LinkId { get; init; }
    public OpenDataId? OpenDataId { get; init; }
    public FetchRole Role { get; init; }
    /// <summary>For an annex, the target key of the question it belongs to.</summary>
    public string? AnnexOf { get; init; }
    public required Uri RequestedUrl { get; init; }
    public Uri? FinalUrl { get; init; }
    public int? HttpStatus { get; init; }
    public string? ContentType { get; init; }
    public FileFormat Format { get; init; }
    public long? Size { get; init; }
    public string? Sha256 { get; init; }
    public string? ETag { get; init; }
    public DateTimeOffset? LastModified { get; init; }
    public DateTimeOffset FetchedAt { get; init; }
    public int Attempts { get; init; }
    public FetchStatus Status { get; init; }
    public string? FailureReason { get; init; }
    /// <summary>
    /// For a failure: true when the next run should ask again (a time-out, a reset, 408/429/5xx), false
    /// when asking again cannot help (404, 410, a refused redirect, an oversize body): a known failure.
    /// </summary>
    public bool Transient { get; init; }
    /// <summary>The stored file, relative to the data folder (<c>raw/ab/ab….pdf</c>).</summary>
    public string? RawPath { get; init; }
}
