using System.IO;
using System.Text;
using QaIngest.Text;

namespace QaIngest.Extract;

/// <summary>
/// The front door of extraction: recognises the format from the bytes and hands them to the
/// matching extractor, so every source reaches the parser as the same <see cref="ExtractedText"/>.
/// Never throws for bad input or a missing tool; throws <see cref="ExtractionStuckException"/> only when
/// too many PDF readings are stuck past the time limit, which no document can fix. Thread-safe.
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

    public TextExtractor(PdfTextExtractorOptions? pdfOptions = null)
    {
        _pdf = new PdfTextExtractor(pdfOptions);
    }

    /// <summary>Extracts the text of the file at <paramref name="path"/>; its name plays no part.</summary>
    public async Task<ExtractionResult> ExtractFileAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ExtractionResult.Fail(ExtractionFailure.Unreadable, $"cannot read {path}: {LineReader.Collapse(e.Message)}");
        }

        // A file on disk goes to the poppler fallback as it is, without a temporary copy.
        return FormatSniffer.Sniff(bytes) == SourceFormat.Pdf
            ? await _pdf.ExtractAsync(bytes, Path.GetFullPath(path), cancellationToken).ConfigureAwait(false)
            : await ExtractAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extracts the text of the document in <paramref name="bytes"/>.</summary>
    public async Task<ExtractionResult> ExtractAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return FormatSniffer.Sniff(bytes) switch
        {
            SourceFormat.Empty => ExtractionResult.Fail(ExtractionFailure.Empty, "empty document: no text"),
            SourceFormat.Pdf => await _pdf.ExtractAsync(bytes, cancellationToken).ConfigureAwait(false),
            SourceFormat.Docx => DocxTextExtractor.Extract(bytes),
            SourceFormat.LegacyDoc => ExtractionResult.Fail(ExtractionFailure.LegacyDoc, LegacyDocMessage),
            SourceFormat.Html => ExtractionResult.Ok(HtmlTextExtractor.Extract(Decode(bytes))),
            SourceFormat.PlainText => PlainText(Decode(bytes)),
            _ => ExtractionResult.Fail(ExtractionFailure.UnknownFormat, $"unknown format: not PDF, DOCX, HTML or UTF-8 text (starts with {Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, 8))})"),
        };
    }

    /// <summary>
    /// Plain text carries no layout to rebuild paragraphs from, so it passes through as it is (line
    /// ends normalised); the parser reads hard-wrapped text such as the seeds directly.
    /// </summary>
    private static ExtractionResult PlainText(string text)
    {
        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var problem = TextSanity.Check(text);
        return problem is not null
            ? ExtractionResult.Fail(ExtractionFailure.UnknownFormat, problem)
            : ExtractionResult.Ok(new ExtractedText { Text = text, Format = SourceFormat.PlainText });
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            // Older pages are Latin-1/Windows-1252; Latin-1 keeps every letter the parser looks for.
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
