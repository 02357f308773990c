using System.Collections.Immutable;

namespace QaIngest.SiteStandIn;

/// <summary>
/// How the stand-in behaves. Faults are deterministic for a given <see cref="Seed"/>: the n-th
/// request for a URL fails or not the same way on every run, whatever the order requests arrive in.
/// </summary>
public sealed record StandInOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one (see <see cref="StandInSite.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>Generated written questions (at most 50,000), link ids 900001 to 900000+N, as text documents built from the seeds' paragraphs.</summary>
    public int Synthetic { get; init; }

    /// <summary>Share of requests (0..1) that fail transiently: 503/429 with Retry-After, reset, slow, truncated body.</summary>
    public double FaultRate { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>The folder with <c>standin.json</c> and the documents it names; null serves no corpus documents.</summary>
    public string? CorpusDirectory { get; init; }

    /// <summary>
    /// A folder with <c>timeline.json</c>: written questions whose file changes on given days (answered
    /// later, supplemented, corrected in place), served as they are on <see cref="Time"/>'s day. Null: none.
    /// </summary>
    public string? TimelineDirectory { get; init; }

    /// <summary>The folder of seed texts synthetic documents take their paragraphs from (required when <see cref="Synthetic"/> &gt; 0).</summary>
    public string? SeedsDirectory { get; init; }

    /// <summary>Faults by link id, on top of the built-in fault ids (990404, 990410, 990301, 990302, 990303, 990415, 990413).</summary>
    public ImmutableDictionary<int, PermanentFault> PermanentFaults { get; init; } = ImmutableDictionary<int, PermanentFault>.Empty;

    /// <summary>A URL never fails transiently more often than this in a row, so a client that retries enough always gets through.</summary>
    public int MaxConsecutiveFaults { get; init; } = 3;

    public int RetryAfterSeconds { get; init; } = 1;

    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(10);

    public long OversizeBytes { get; init; } = 51L * 1024 * 1024;

    /// <summary>Called after every request (the CLI prints the log as it goes). Must be thread-safe.</summary>
    public Action<RequestLogEntry>? OnRequest { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The ids that always fail, whatever the options, for demos and tests.</summary>
    public static ImmutableDictionary<int, PermanentFault> BuiltInFaults { get; } = new Dictionary<int, PermanentFault>
    {
        [990404] = PermanentFault.NotFound,
        [990301] = PermanentFault.RedirectLoop,
        [990302] = PermanentFault.ForeignRedirect,
        [990303] = PermanentFault.ForeignPortRedirect,
        [990410] = PermanentFault.Gone,
        [990415] = PermanentFault.WrongContentType,
        [990413] = PermanentFault.Oversize,
    }.ToImmutableDictionary();

    public StandInOptions Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add("port must be 0..65535");
        }

        // Question k is link id 900000 + k and every tenth has annex 950000 + k: past 50,000 questions the two would meet.
        if (Synthetic is < 0 or > 50_000)
        {
            errors.Add("synthetic must be 0..50000");
        }

        if (FaultRate is < 0 or > 1 || double.IsNaN(FaultRate))
        {
            errors.Add("fault rate must be between 0 and 1");
        }

        if (Synthetic > 0 && (SeedsDirectory is null || !Directory.Exists(SeedsDirectory)))
        {
            errors.Add($"synthetic documents need the seeds folder ({SeedsDirectory ?? "none given"})");
        }

        if (CorpusDirectory is not null && !File.Exists(Path.Combine(CorpusDirectory, "standin.json")))
        {
            errors.Add($"{CorpusDirectory}: no standin.json");
        }

        if (TimelineDirectory is not null && !File.Exists(Path.Combine(TimelineDirectory, "timeline.json")))
        {
            errors.Add($"{TimelineDirectory}: no timeline.json");
        }

        if (MaxConsecutiveFaults < 0 || RetryAfterSeconds < 0 || SlowDelay < TimeSpan.Zero || OversizeBytes < 1)
        {
            errors.Add("max consecutive faults, retry-after, slow delay and oversize bytes must not be negative");
        }

        return errors.Count == 0 ? this : throw new ArgumentException(string.Join("; ", errors));
    }
}
