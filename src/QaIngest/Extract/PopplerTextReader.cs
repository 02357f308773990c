using System.Collections.Immutable;
using System.IO;

namespace QaIngest.Extract;

/// <summary>
/// The fallback engine: poppler's <c>pdftotext -bbox-layout</c> in a child process (which isolates
/// poppler's crashes and hangs: the process tree is killed at the time-out), its words read by
/// <see cref="PdfLayoutReader"/> into the same <see cref="PdfPage"/>s PdfPig's are. Used only when
/// PdfPig cannot read a document and poppler is installed. Thread-safe; each call runs its own process.
/// </summary>
public sealed class PopplerTextReader(string pdfToTextPath, TimeSpan timeout)
{
    /// <summary>The one-line error when the tool cannot be started.</summary>
    public const string ToolMissingMessage = "pdftotext not found: install poppler-utils (apt-get install poppler-utils)";

    /// <summary>Extracts the PDF at <paramref name="path"/>; a tool that cannot be started gives <see cref="ExtractionFailure.ToolMissing"/>.</summary>
    public async Task<ExtractionResult> ExtractFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var outcome = await ChildProcess.RunAsync(
            pdfToTextPath,
            ["-bbox-layout", "-enc", "UTF-8", path, "-"],
            timeout,
            cancellationToken).ConfigureAwait(false);

        if (outcome is null)
        {
            return ExtractionResult.Fail(ExtractionFailure.ToolMissing, ToolMissingMessage);
        }

        if (outcome.TimedOut)
        {
            return ExtractionResult.Fail(
                ExtractionFailure.TimedOut,
                $"{PdfTextExtractor.TimedOutMessage}: pdftotext did not finish within {timeout.TotalSeconds:0.#} s and was killed");
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

        var text = PdfParagraphBuilder.Build(pages) with { Engine = PdfTextExtractor.PopplerEngine, Pages = pages };
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
