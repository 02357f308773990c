using System.Collections.Immutable;
using System.IO;
using QaIngest.Text;
using UglyToad.PdfPig.Exceptions;

namespace QaIngest.Extract;

/// <summary>
/// Extracts the text of a PDF in process with PdfPig (<see cref="PdfPigReader"/>), rebuilding
/// paragraphs with <see cref="PdfParagraphBuilder"/>. PdfPig cannot be cancelled, so each reading
/// runs on a thread of its own under the <see cref="ExtractionWatchdog"/> that every format shares:
/// past the time limit the document fails and the thread is abandoned, and past
/// <see cref="PdfTextExtractorOptions.MaxAbandoned"/> abandoned threads the extractor throws
/// <see cref="ExtractionStuckException"/>. When PdfPig fails on a
/// document (a format or nesting error, or pages that show text in a font it cannot decode) and
/// poppler's <c>pdftotext</c> is installed, poppler reads it instead; the result names the engine.
/// Thread-safe.
/// </summary>
public sealed class PdfTextExtractor
{
    /// <summary>The engine names in <see cref="ExtractedText.Engine"/>, extract's JSON and the run report.</summary>
    public const string PdfPigEngine = "pdfpig";

    /// <inheritdoc cref="PdfPigEngine"/>
    public const string PopplerEngine = "poppler";

    /// <summary>How every timed-out extraction's reason starts.</summary>
    public const string TimedOutMessage = "PDF extraction timed out";

    private readonly PdfTextExtractorOptions _options;
    private readonly PopplerTextReader? _poppler;
    private readonly ExtractionWatchdog _watchdog;

    public PdfTextExtractor(PdfTextExtractorOptions? options = null)
        : this(options, watchdog: null)
    {
    }

    /// <summary>A PDF extractor whose readings share <paramref name="watchdog"/> (and its count of stuck threads) with the other formats.</summary>
    internal PdfTextExtractor(PdfTextExtractorOptions? options, ExtractionWatchdog? watchdog)
    {
        _options = (options ?? new PdfTextExtractorOptions()).Validate();
        _watchdog = watchdog ?? new ExtractionWatchdog(_options.Timeout, _options.MaxAbandoned);
        _poppler = _options.PdfToTextPath is { } tool ? new PopplerTextReader(tool, _watchdog.Timeout) : null;
    }

    /// <summary>Readings that timed out and are still running on their abandoned threads.</summary>
    public int Abandoned => _watchdog.Abandoned;

    /// <summary>Extracts the PDF in <paramref name="pdf"/>; poppler, if it is needed, reads it from a temporary file.</summary>
    public Task<ExtractionResult> ExtractAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        return ExtractAsync(pdf, path: null, cancellationToken);
    }

    /// <summary>Extracts the PDF at <paramref name="path"/>.</summary>
    public async Task<ExtractionResult> ExtractFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ExtractionResult.Fail(ExtractionFailure.Unreadable, $"cannot read {path}: {LineReader.Collapse(e.Message)}");
        }

        return await ExtractAsync(bytes, Path.GetFullPath(path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extracts <paramref name="pdf"/>, read from <paramref name="path"/> when it came from a file (poppler then reads the file itself).</summary>
    internal async Task<ExtractionResult> ExtractAsync(byte[] pdf, string? path, CancellationToken cancellationToken)
    {
        var pig = await ReadWithWatchdogAsync(pdf, cancellationToken).ConfigureAwait(false);
        if (pig.Fallback is not { } reason)
        {
            return pig.Result;
        }

        var poppler = await ReadWithPopplerAsync(pdf, path, cancellationToken).ConfigureAwait(false);
        if (poppler is { Success: true })
        {
            return ExtractionResult.Ok(poppler.Value with { Warnings = poppler.Value.Warnings.Insert(0, $"PdfPig could not read it ({reason}); read with poppler") });
        }

        // Without poppler, or when poppler fails too, the document fails with PdfPig's reason.
        return poppler is null || poppler.Failure == ExtractionFailure.ToolMissing
            ? pig.Result
            : ExtractionResult.Fail(pig.Result.Failure, $"{pig.Result.Error} (poppler could not read it either: {poppler.Error})");
    }

    /// <summary>PdfPig's result, and the reason to try poppler when that might do better.</summary>
    private sealed record PigOutcome(ExtractionResult Result, string? Fallback);

    private Task<PigOutcome> ReadWithWatchdogAsync(byte[] pdf, CancellationToken cancellationToken) =>
        _watchdog.RunAsync(
            "PDF",
            _ => Read(pdf),
            () => new PigOutcome(
                ExtractionResult.Fail(ExtractionFailure.TimedOut, $"{TimedOutMessage}: PdfPig did not finish within {_watchdog.TimeoutText}; the next run retries it"),
                Fallback: null),
            cancellationToken);

    private PigOutcome Read(byte[] pdf)
    {
        ImmutableArray<PdfPage> pages;
        int unread;
        try
        {
            pages = PdfPigReader.Read(pdf, _options.BeforePage, out unread);
        }
        catch (PdfDocumentEncryptedException)
        {
            // poppler cannot open it without the password either.
            return new PigOutcome(ExtractionResult.Fail(ExtractionFailure.EncryptedPdf, "encrypted PDF: it needs a password to open"), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = $"corrupt or truncated PDF: {Shorten(e.Message)}";
            return new PigOutcome(ExtractionResult.Fail(ExtractionFailure.CorruptPdf, reason), reason);
        }

        if (pages.IsEmpty)
        {
            const string NoPages = "corrupt PDF: PdfPig found no pages";
            return new PigOutcome(ExtractionResult.Fail(ExtractionFailure.CorruptPdf, NoPages), NoPages);
        }

        var unreadReason = unread > 0 ? $"{unread} page(s) show text in a font PdfPig cannot decode" : null;
        if (pages.All(p => p.Lines.IsEmpty))
        {
            return unreadReason is null
                ? new PigOutcome(ExtractionResult.Fail(ExtractionFailure.NoTextLayer, $"no text layer; scanned? ({pages.Length} page(s) without any text)"), null)
                : new PigOutcome(ExtractionResult.Fail(ExtractionFailure.NoTextLayer, $"no readable text: {unreadReason}"), unreadReason);
        }

        var text = PdfParagraphBuilder.Build(pages) with { Engine = PdfPigEngine, Pages = pages };
        if (unreadReason is not null)
        {
            // What PdfPig read stands if poppler is not there to do better.
            return new PigOutcome(ExtractionResult.Ok(text with { Warnings = text.Warnings.Insert(0, unreadReason) }), unreadReason);
        }

        return new PigOutcome(ExtractionResult.Ok(text), null);
    }

    private async Task<ExtractionResult?> ReadWithPopplerAsync(byte[] pdf, string? path, CancellationToken cancellationToken)
    {
        if (_poppler is null)
        {
            return null;
        }

        if (path is not null)
        {
            return await _poppler.ExtractFileAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"qaingest-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(temporary, pdf, cancellationToken).ConfigureAwait(false);
            return await _poppler.ExtractFileAsync(temporary, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>PdfPig's message on one line, short enough for a run report.</summary>
    private static string Shorten(string message)
    {
        var line = LineReader.Collapse(message.Replace('\n', ' ').Replace('\r', ' '));
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
