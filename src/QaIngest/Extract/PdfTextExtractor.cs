using System.Collections.Immutable;
using System.IO;

namespace QaIngest.Extract;

/// <summary>
/// Extracts the text of a PDF by running poppler's <c>pdftotext -bbox-layout</c> in a child process
/// (which isolates poppler's crashes and hangs: the process tree is killed at the time-out) and
/// rebuilding paragraphs from the word boxes with <see cref="PdfParagraphBuilder"/>. Thread-safe;
/// each call runs its own process.
/// </summary>
public sealed class PdfTextExtractor
{
    /// <summary>The one-line error when the tool cannot be started; the README points to the same package.</summary>
    public const string ToolMissingMessage = "pdftotext not found: install poppler-utils (apt-get install poppler-utils)";

    private readonly PdfTextExtractorOptions _options;

    public PdfTextExtractor(PdfTextExtractorOptions? options = null)
    {
        _options = (options ?? new PdfTextExtractorOptions()).Validate();
    }

    /// <summary>Extracts the PDF in <paramref name="pdf"/>; poppler needs a file, so the bytes go to a temporary one.</summary>
    public async Task<ExtractionResult> ExtractAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var path = Path.Combine(Path.GetTempPath(), $"qaingest-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(path, pdf, cancellationToken).ConfigureAwait(false);
            return await ExtractFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Extracts the PDF at <paramref name="path"/>.</summary>
    public async Task<ExtractionResult> ExtractFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var outcome = await ChildProcess.RunAsync(
            _options.PdfToTextPath,
            ["-bbox-layout", "-enc", "UTF-8", path, "-"],
            _options.Timeout,
            cancellationToken).ConfigureAwait(false);

        if (outcome is null)
        {
            return ExtractionResult.Fail(ExtractionFailure.ToolMissing, ToolMissingMessage);
        }

        if (outcome.TimedOut)
        {
            return ExtractionResult.Fail(
                ExtractionFailure.TimedOut,
                $"pdftotext did not finish within {_options.Timeout.TotalSeconds:0.#} s and was killed");
        }

        if (outcome.ExitCode != 0)
        {
            return Failure(outcome);
        }

        var pages = PdfLayoutReader.Read(outcome.StandardOutput);
        if (pages.IsEmpty)
        {
            return ExtractionResult.Fail(ExtractionFailure.CorruptPdf, "corrupt PDF: poppler found no pages" + Detail(outcome.StandardError, ": "));
        }

        if (pages.All(p => p.Lines.IsEmpty))
        {
            return ExtractionResult.Fail(ExtractionFailure.NoTextLayer, $"no text layer; scanned? ({pages.Length} page(s) without any text)");
        }

        var text = PdfParagraphBuilder.Build(pages);
        var popplerSaid = Detail(outcome.StandardError, string.Empty);
        return ExtractionResult.Ok(popplerSaid.Length == 0
            ? text
            : text with { Warnings = text.Warnings.Insert(0, "poppler: " + popplerSaid) });
    }

    private static ExtractionResult Failure(ProcessOutcome outcome)
    {
        var stderr = outcome.StandardError;
        if (stderr.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase))
        {
            return ExtractionResult.Fail(ExtractionFailure.EncryptedPdf, "encrypted PDF: it needs a password to open");
        }

        if (stderr.Contains("Copying of text from this document is not allowed", StringComparison.OrdinalIgnoreCase))
        {
            return ExtractionResult.Fail(ExtractionFailure.EncryptedPdf, "encrypted PDF: its permissions forbid copying text");
        }

        if (stderr.Contains("Couldn't open file", StringComparison.OrdinalIgnoreCase))
        {
            return ExtractionResult.Fail(ExtractionFailure.ToolFailed, "pdftotext could not open the file" + Detail(stderr, ": "));
        }

        var detail = Detail(stderr, ": ");
        return ExtractionResult.Fail(
            ExtractionFailure.CorruptPdf,
            $"corrupt or truncated PDF (pdftotext exit code {outcome.ExitCode})" + (detail.Length > 0 ? detail : ": no message from poppler"));
    }

    /// <summary>poppler's last distinct error lines in one line: the first ones are often per-byte noise.</summary>
    private static string Detail(string stderr, string prefix)
    {
        var lines = stderr
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("Illegal character", StringComparison.Ordinal))
            .Distinct()
            .TakeLast(2)
            .ToImmutableArray();
        return lines.IsEmpty ? string.Empty : prefix + string.Join("; ", lines);
    }
}
