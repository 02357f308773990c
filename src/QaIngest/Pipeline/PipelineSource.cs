using System.Collections.Immutable;

namespace QaIngest.Pipeline;

/// <summary>Where a pipeline's documents come from: files, link ids, or the site's search API.</summary>
public abstract record PipelineSource
{
    /// <summary>Base URL of the site (the stand-in's for tests); null is the real site.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>True when documents come over HTTP, so the pipeline needs the fetch stage or earlier fetched raw files.</summary>
    public abstract bool IsRemote { get; }
}

/// <summary>Local files matching glob patterns (<c>seeds/*.txt</c>, <c>corpus/**/*.pdf</c>), relative to the working directory.</summary>
public sealed record FilesSource(ImmutableArray<string> Globs) : PipelineSource
{
    public override bool IsRemote => false;
}

/// <summary>Permalink ids, listed in the pipeline or in a file with one id a line.</summary>
public sealed record LinkIdsSource(ImmutableArray<int> Ids, string? File) : PipelineSource
{
    public override bool IsRemote => true;
}

/// <summary>
/// The written questions the site's search API lists: published between two dates, in a session
/// year, or since the last successful run of this pipeline (the first run looks back
/// <see cref="FirstRunDays"/> days).
/// </summary>
public sealed record DiscoverSource : PipelineSource
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? SessionYear { get; init; }
    public bool SinceLastRun { get; init; }
    public int FirstRunDays { get; init; } = 7;

    public override bool IsRemote => true;
}
