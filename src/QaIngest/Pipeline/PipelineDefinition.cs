using System.Collections.Immutable;

namespace QaIngest.Pipeline;

/// <summary>
/// A pipeline as a <c>pipelines/*.json</c> file describes it, validated before anything runs
/// (<see cref="PipelineDefinitionReader"/>): where documents come from, which stages run, where the
/// data goes, how politely to fetch, when to ask again for what was fetched, and which saved searches to alert on. Immutable, reusable.
/// </summary>
public sealed record PipelineDefinition
{
    public required string Name { get; init; }

    public required PipelineSource Source { get; init; }

    /// <summary>An ordered subset of fetch, extract, parse, figures, index.</summary>
    public required ImmutableArray<PipelineStage> Stages { get; init; }

    /// <summary>The data directory (relative paths are relative to the working directory).</summary>
    public string Data { get; init; } = "./data";

    public PolitenessSettings Politeness { get; init; } = new();

    public ResilienceSettings Resilience { get; init; } = new();

    public ImmutableArray<SavedSearch> SavedSearches { get; init; } = [];

    /// <summary>When documents fetched before are asked for again (a remote source's; files are looked at on every run anyway).</summary>
    public RecheckPolicy Recheck { get; init; } = RecheckPolicy.Default;

    /// <summary>How many documents are extracted, parsed and given figures at once (one index writer whatever this is).</summary>
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public const int DefaultQuarantineAfterDeaths = 2;

    public const int DefaultQuarantineAfterTimeouts = 3;

    /// <summary>
    /// Deaths of the process while a document was being read (alone, after a first death) before the
    /// document is recorded as failed: one that kills every run must not stop every night's run.
    /// </summary>
    public int QuarantineAfterDeaths { get; init; } = DefaultQuarantineAfterDeaths;

    /// <summary>Time-outs of a document's extraction on the same input before it is a known failure rather than retried by every run.</summary>
    public int QuarantineAfterTimeouts { get; init; } = DefaultQuarantineAfterTimeouts;

    public bool Runs(PipelineStage stage) => Stages.Contains(stage);
}

/// <summary>A saved search: after each run, new or changed items that match <see cref="Query"/> become alerts.</summary>
public sealed record SavedSearch(string Name, string Query);

/// <summary>Overrides of the fetch politeness defaults; null keeps the default.</summary>
public sealed record PolitenessSettings
{
    public bool? Enabled { get; init; }
    public double? RequestsPerSecond { get; init; }
    public int? MaxInFlightPerHost { get; init; }
    public int? DocumentsInFlight { get; init; }
}

/// <summary>Overrides of the fetch resilience defaults; null keeps the default.</summary>
public sealed record ResilienceSettings
{
    public TimeSpan? AttemptTimeout { get; init; }
    public TimeSpan? TotalTimeout { get; init; }
    public int? MaxRetryAttempts { get; init; }
    public TimeSpan? RetryBaseDelay { get; init; }
    public TimeSpan? MaxRetryAfter { get; init; }
}
