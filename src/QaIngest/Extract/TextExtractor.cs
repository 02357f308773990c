using System.IO;
using QaIngest.Text;

namespace QaIngest.Extract;

/// <summary>
/// The front door of extraction: recognises the format from the bytes and hands them to the
/// matching extractor, so every source reaches the parser as the same <see cref="ExtractedText"/>.
/// Every format runs under one watchdog with one time limit, and within the size, depth and length
/// budgets of <see cref="ExtractionLimits"/>. Never throws for bad input or a missing tool; throws
/// <see cref="ExtractionStuckException"/> only when too many readings are stuck past the time limit,
/// which no document can fix. Thread-safe.
/// </summary>
public sealed class TextExtractor
{
    /// <summary>
    /// The version of this stage's output for the same input: bump it when a change should make a
    /// pipeline redo the stage (and the stages after it) for every document, from the stored raw files.
    /// </summary>
    public const int StageVersion = 1;

    /// <summary>The one-line error for a pre-2007 Word file.</summary>
    public const string LegacyDocMessage = "legacy .doc is not supported; save as .docx or PDF";

    private readonly PdfTextExtractor _pdf;
    private readonly ExtractionLimits _limits;
    private readonly ExtractionWatchdog _watchdog;

    /// <summary>
    /// An extractor with the default <see cref="ExtractionLimits"/>, except that the PDF options' time
    /// limit and abandoned-thread count apply to every format.
    /// </summary>
    public TextExtractor(PdfTextExtractorOptions? pdfOptions = null)
        : this(limits: null, pdfOptions)
    {
    }

    /// <summary>
    /// An extractor with <paramref name="limits"/> (null: the defaults, with the PDF options' time limit);
    /// their time limit and abandoned-thread count replace the PDF options' own, so one watchdog with one
    /// time limit serves every format.
    /// </summary>
    public TextExtractor(ExtractionLimits? limits, PdfTextExtractorOptions? pdfOptions = null)
    {
        var pdf = (pdfOptions ?? new PdfTextExtractorOptions()).Validate();
        _limits = (limits ?? ExtractionLimits.Default with { Timeout = pdf.Timeout, MaxAbandoned = pdf.MaxAbandoned }).Validate();
        _watchdog = new ExtractionWatchdog(_limits.Timeout, _limits.MaxAbandoned);
        _pdf = new PdfTextExtractor(pdf with { Timeout = _limits.Timeout, MaxAbandoned = _limits.MaxAbandoned }, _watchdog);
    }

    /// <summary>The limits this extractor applies.</summary>
    public ExtractionLimits Limits => _limits;

    /// <summary>Readings of any format that timed out and are still running on their abandoned threads.</summary>
    public int Abandoned => _watchdog.Abandoned;

    /// <summary>
    /// Extracts the text of the file at <paramref name="path"/>; its name plays no part. At most
    /// <see cref="ExtractionLimits.MaxDocumentBytes"/> are read, so a device such as <c>/dev/zero</c>
    /// fails as too large instead of filling memory.
    /// </summary>
    public async Task<ExtractionResult> ExtractFileAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[]? bytes;
        try
        {
            bytes = await ReadBoundedAsync(path, _limits.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ExtractionResult.Fail(ExtractionFailure.Unreadable, $"cannot read {path}: {LineReader.Collapse(e.Message)}");
        }

        if (bytes is null)
        {
            return TooLarge();
        }

        // A file on disk goes to the poppler fallback as it is, without a temporary copy.
        return FormatSniffer.Sniff(bytes) == SourceFormat.Pdf
            ? CapText(await _pdf.ExtractAsync(bytes, Path.GetFullPath(path), cancellationToken).ConfigureAwait(false))
            : await ExtractAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extracts the text of the document in <paramref name="bytes"/>, each format under the shared time limit.</summary>
    public async Task<ExtractionResult> ExtractAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.LongLength > _limits.MaxDocumentBytes)
        {
            return TooLarge();
        }

        var format = FormatSniffer.Sniff(bytes);
        var result = format switch
        {
            SourceFormat.Empty => ExtractionResult.Fail(ExtractionFailure.Empty, "empty document: no text"),
            SourceFormat.Pdf => await _pdf.ExtractAsync(bytes, cancellationToken).ConfigureAwait(false),
            SourceFormat.Docx => await UnderWatchdogAsync("DOCX", token => DocxTextExtractor.Extract(bytes, _limits, token), cancellationToken).ConfigureAwait(false),
            SourceFormat.LegacyDoc => ExtractionResult.Fail(ExtractionFailure.LegacyDoc, LegacyDocMessage),
            SourceFormat.Html => await UnderWatchdogAsync("HTML", token => Html(bytes, token), cancellationToken).ConfigureAwait(false),
            SourceFormat.PlainText => await UnderWatchdogAsync("text", _ => PlainText(bytes), cancellationToken).ConfigureAwait(false),
            _ => ExtractionResult.Fail(ExtractionFailure.UnknownFormat, $"unknown format: not PDF, DOCX, HTML or text (starts with {Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, 8))})"),
        };
        return CapText(result);
    }

    private Task<ExtractionResult> UnderWatchdogAsync(string kind, Func<CancellationToken, ExtractionResult> work, CancellationToken cancellationToken) =>
        _watchdog.RunAsync(
            kind,
            token =>
            {
                try
                {
                    return work(token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // The watchdog has already failed the document; the walk stopped as asked.
                    return ExtractionResult.Fail(ExtractionFailure.TimedOut, TimedOut(kind));
                }
            },
            () => ExtractionResult.Fail(ExtractionFailure.TimedOut, TimedOut(kind)),
            cancellationToken);

    private string TimedOut(string kind) => $"{kind} extraction timed out: it did not finish within {_watchdog.TimeoutText}";

    private ExtractionResult Html(byte[] bytes, CancellationToken cancellationToken)
    {
        return HtmlTextExtractor.Extract(TextDecoder.Decode(bytes), _limits, cancellationToken);
    }

    /// <summary>
    /// Plain text carries no layout to rebuild paragraphs from, so it passes through as it is (line
    /// ends normalised); the parser reads hard-wrapped text such as the seeds directly.
    /// </summary>
    private ExtractionResult PlainText(byte[] bytes)
    {
        var text = TextDecoder.Decode(bytes);
        if (text.Length > _limits.MaxTextCharacters)
        {
            return TooLong();
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var problem = TextSanity.Check(text);
        return problem is not null
            ? ExtractionResult.Fail(ExtractionFailure.UnknownFormat, problem)
            : ExtractionResult.Ok(new ExtractedText { Text = text, Format = SourceFormat.PlainText });
    }

    /// <summary>Every format's text answers to the same length limit, whichever extractor made it.</summary>
    private ExtractionResult CapText(ExtractionResult result) =>
        result is { Success: true } && result.Value.Text.Length > _limits.MaxTextCharacters ? TooLong() : result;

    private ExtractionResult TooLong() =>
        ExtractionResult.Fail(ExtractionFailure.TooLong, $"text longer than {_limits.MaxTextCharacters:N0} characters");

    private ExtractionResult TooLarge() =>
        ExtractionResult.Fail(ExtractionFailure.TooLarge, $"document larger than {ExtractionLimits.Megabytes(_limits.MaxDocumentBytes)}");

    /// <summary>
    /// The file's bytes, or null when it holds more than <paramref name="limit"/>: a file that says so
    /// is not read at all, and a device or pipe that does not (<c>/dev/zero</c> reports 0 bytes) is read
    /// only until it passes the limit.
    /// </summary>
    private static async Task<byte[]?> ReadBoundedAsync(string path, long limit, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var length = stream.CanSeek ? stream.Length : 0;
        if (length > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)Math.Max(length, 81920));
        var chunk = new byte[81920];
        while (buffer.Length <= limit)
        {
            var n = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.Length > limit ? null : buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
