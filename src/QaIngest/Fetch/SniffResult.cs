namespace QaIngest.Fetch;

/// <summary>The format of a body, or why it is not an acceptable document (<see cref="Problem"/> set).</summary>
public sealed record SniffResult(FileFormat Format, string? Problem)
{
    public bool Accepted => Problem is null;

    /// <summary>The file extension the raw store uses for this format, without the dot.</summary>
    public string Extension => ContentSniffer.Extension(Format);
}
