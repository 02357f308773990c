using System.Collections.Immutable;

namespace QaIngest.Pipeline;

/// <summary>
/// What a run did, as <c>DATA/runs/&lt;start&gt;.json</c> and <c>run --format json</c> print it.
/// <see cref="ExitCode"/>: 0 done, 1 some documents failed in this run (listed in <see cref="Failed"/>).
/// </summary>
public sealed record RunReport
{
    public required string Pipeline { get; init; }
    public required string Data { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public double DurationSeconds => Math.Round((FinishedAt - StartedAt).TotalSeconds, 3);
    public required ImmutableArray<string> Stages { get; init; }
    public required DocumentCounts Documents { get; init; }

    /// <summary>Items (preambles, questions, answers) and figures written to the index by this run.</summary>
    public long Items { get; init; }
    public long Figures { get; init; }

    /// <summary>What the index holds after the run (null when the pipeline has no index stage).</summary>
    public Index.IndexCounts? Index { get; init; }

    public int Warnings { get; init; }
    public ImmutableArray<DocumentMessage> WarningSamples { get; init; } = [];
    public ImmutableArray<DocumentFailure> Failed { get; init; } = [];

    /// <summary>Documents skipped because an earlier run recorded a permanent failure for the same input (see <c>qaingest status</c>).</summary>
    public int KnownFailures { get; init; }

    /// <summary>Documents processed in this run per PDF engine that read them (<c>pdfpig</c>, or <c>poppler</c> as the fallback).</summary>
    public ImmutableSortedDictionary<string, int> Engines { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>New alert entries per saved search.</summary>
    public ImmutableSortedDictionary<string, int> Alerts { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>HTTP: documents fetched with new bytes, unchanged (304 or same hash), failed.</summary>
    public FetchCounts? Fetch { get; init; }

    /// <summary>The documents counted <c>changed</c>, each with what changed (answer added, supplementary answer, text corrected).</summary>
    public ImmutableArray<DocumentChange> Changes { get; init; } = [];

    /// <summary>What the re-check policy did (null for a pipeline without the fetch stage).</summary>
    public RecheckCounts? Recheck { get; init; }

    /// <summary>The lock of a killed run that this run took over.</summary>
    public Fetch.DataDirectory.LockOwner? StaleLockTakenOver { get; init; }

    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>Why discovery failed, when it did (the run goes on with retries; exit code 1).</summary>
    public string? DiscoveryError { get; init; }

    public double DocumentsPerSecond => DurationSeconds > 0 ? Math.Round((Documents.New + Documents.Changed + Documents.Reprocessed) / DurationSeconds, 1) : 0;
    public long PeakMemoryBytes { get; init; }

    /// <summary>Where this report is stored (<c>DATA/runs/&lt;start&gt;.json</c>).</summary>
    public string? ReportFile { get; init; }
    public int ExitCode { get; init; }
}

/// <summary>Documents of a run by what happened to them; each document is counted once.</summary>
public sealed record DocumentCounts(int New, int Changed, int Unchanged, int Reprocessed, int Failed)
{
    public int Total => New + Changed + Unchanged + Reprocessed + Failed;
}

public sealed record FetchCounts(int Fetched, int Unchanged, int Failed, int NotAsked);

/// <summary>
/// The re-checks of a run: documents fetched before that were due and asked again (<see cref="Asked"/>,
/// of which <see cref="Changed"/> came back changed), due but left to the next run by the policy's
/// per-run bound (<see cref="Deferred"/>), not due yet (<see cref="Waiting"/>), and settled (never asked again).
/// </summary>
public sealed record RecheckCounts(int Asked, int Changed, int Deferred, int Waiting, int Settled)
{
    /// <summary>The policy the run used, in words.</summary>
    public string? Policy { get; init; }
}

public sealed record DocumentMessage(string Key, string Message);

/// <summary>A document that failed in a run: the stage, the reason, and whether the next run retries it.</summary>
public sealed record DocumentFailure(string Key, string Stage, string Reason, bool Transient);
