namespace QaIngest.Pipeline;

/// <summary>How to run a pipeline here: the working directory its relative paths start from, a data directory override, progress, and (for tests) the stage versions and the clock.</summary>
public sealed record PipelineRunOptions
{
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Overrides the pipeline's <c>data</c>.</summary>
    public string? Data { get; init; }

    public IProgress<RunProgress>? Progress { get; init; }

    /// <summary>Null: the versions the code has (<see cref="StageVersions.Current"/>).</summary>
    public StageVersions? Versions { get; init; }

    /// <summary>The clock of run times and discovery dates (fetching keeps the system's for its delays); null is the system's.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>How PDFs are read (time limit, poppler fallback); null is the defaults.</summary>
    public Extract.PdfTextExtractorOptions? Pdf { get; init; }

    /// <summary>
    /// Called with a document's key once it is marked as being read and before its stages run. The
    /// CLI's test hook (<c>QAINGEST_TEST_DIE_ON</c>) kills the process here, to test crash-only recovery.
    /// </summary>
    public Action<string>? Reading { get; init; }
}
