namespace QaIngest.Extract;

/// <summary>How <see cref="PdfTextExtractor"/> reads PDFs: its time limit and the optional poppler fallback.</summary>
public sealed record PdfTextExtractorOptions
{
    /// <summary>
    /// poppler's <c>pdftotext</c>, tried only when PdfPig cannot read a document; a bare name is looked up
    /// on PATH, a missing file or null means no fallback. Injectable so tests can run with and without poppler.
    /// </summary>
    public string? PdfToTextPath { get; init; } = "pdftotext";

    /// <summary>How long one document may take (PdfPig's work, and pdftotext's when it falls back) before it fails as timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(ExtractionLimits.DefaultTimeoutSeconds);

    /// <summary>
    /// How many timed-out PdfPig readings may still be running before the extractor refuses more work.
    /// PdfPig cannot be cancelled, so a stuck reading is abandoned on its thread; past this many the
    /// machine is being eaten and the run must stop rather than pile up threads.
    /// </summary>
    public int MaxAbandoned { get; init; } = ExtractionLimits.DefaultMaxAbandoned;

    /// <summary>Called on PdfPig's thread before each page is read (page number from 1); lets tests inject a slow step.</summary>
    internal Action<int>? BeforePage { get; init; }

    /// <summary>Throws when an option cannot work, so a bad configuration fails at start-up, not mid-run.</summary>
    public PdfTextExtractorOptions Validate()
    {
        if (PdfToTextPath is not null && string.IsNullOrWhiteSpace(PdfToTextPath))
        {
            throw new ArgumentException("PdfToTextPath must name an executable, or be null for no fallback.", nameof(PdfToTextPath));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
        }

        if (MaxAbandoned < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAbandoned), MaxAbandoned, "MaxAbandoned must be at least 1.");
        }

        return this;
    }
}
