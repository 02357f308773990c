namespace QaIngest.Extract;

/// <summary>How <see cref="PdfTextExtractor"/> runs poppler's <c>pdftotext</c>.</summary>
public sealed record PdfTextExtractorOptions
{
    /// <summary>The executable; a bare name is looked up on PATH. Injectable so tests can point it at a stub.</summary>
    public string PdfToTextPath { get; init; } = "pdftotext";

    /// <summary>How long one pdftotext run may take before its process tree is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws when an option cannot work, so a bad configuration fails at start-up, not mid-run.</summary>
    public PdfTextExtractorOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(PdfToTextPath))
        {
            throw new ArgumentException("PdfToTextPath must name an executable.", nameof(PdfToTextPath));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
        }

        return this;
    }
}
