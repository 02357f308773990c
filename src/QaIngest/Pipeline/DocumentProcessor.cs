using System.Collections.Immutable;
using QaIngest.Extract;
using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;
using QaIngest.Tables;

namespace QaIngest.Pipeline;

/// <summary>
/// Runs extract, parse and figures on one document's raw bytes, as far as the pipeline's stages go.
/// Intermediate outputs are not stored, so a stage redone later recomputes the ones before it from
/// the raw bytes. Never throws for bad input; thread-safe.
/// </summary>
public sealed class DocumentProcessor(TextExtractor extractor)
{
    /// <summary>What the stages made of a document (with the figure checks), or where and why it failed.</summary>
    public sealed record Result(IndexedDocument? Document, ImmutableArray<string> Warnings, PipelineStage? FailedStage, string? Error, bool Transient)
    {
        /// <summary>The figures and their consistency checks, when the figures stage ran.</summary>
        public FigureExtraction? Figures { get; init; }

        /// <summary>The extraction ran out of time (transient until it has done so <see cref="PipelineDefinition.QuarantineAfterTimeouts"/> times).</summary>
        public bool TimedOut { get; init; }

        /// <summary>The PDF engine that read the text (<c>pdfpig</c> or <c>poppler</c>); null for other formats.</summary>
        public string? Engine { get; init; }

        public static Result Failure(PipelineStage stage, string error, bool transient, ImmutableArray<string> warnings) => new(null, warnings, stage, error, transient);
    }

    /// <param name="annexes">The question's stored annexes (link id, bytes) whose sheets become tables; null or empty when none.</param>
    public async Task<Result> ProcessAsync(byte[] bytes, string key, string source, string rawHash, ImmutableArray<PipelineStage> stages, CancellationToken cancellationToken,
        IReadOnlyList<(int? LinkId, byte[] Bytes)>? annexes = null)
    {
        var extracted = await extractor.ExtractAsync(bytes, cancellationToken).ConfigureAwait(false);
        if (!extracted.Success)
        {
            // A missing tool or a time-out may pass; a broken or unsupported file will not.
            var transient = extracted.Failure is ExtractionFailure.ToolMissing or ExtractionFailure.TimedOut;
            return Result.Failure(PipelineStage.Extract, extracted.Error, transient, []) with { TimedOut = extracted.Failure == ExtractionFailure.TimedOut };
        }

        var warnings = extracted.Value.Warnings.ToImmutableArray();
        if (!stages.Contains(PipelineStage.Parse))
        {
            return new Result(null, warnings, null, null, false) { Engine = extracted.Value.Engine };
        }

        // A scraped real text starts with the site's metadata lines: stored, not parsed.
        var (metadata, text) = ScraperMetadata.Split(extracted.Value.Text);
        var parsed = QuestionParser.Parse(text);
        if (!parsed.Success)
        {
            return Result.Failure(PipelineStage.Parse, parsed.Error, transient: false, warnings) with { Engine = extracted.Value.Engine };
        }

        warnings = warnings.AddRange(parsed.Value.Warnings.Select(w => w.Message));

        // The site's title is the subject as the parliament lists it, cleaner than the PDF's lines.
        var titled = metadata?.Title is { } siteTitle ? parsed.Value with { Title = siteTitle } : parsed.Value;

        // The tables the source marks (HTML <table>, DOCX w:tbl) or lays out (a PDF's aligned columns), placed in the items they stand in.
        var question = TableAttacher.Attach(titled, extracted.Value.Format switch
        {
            SourceFormat.Html => HtmlTableReader.Read(TextDecoder.Decode(bytes)),
            SourceFormat.Docx => DocxTableReader.Read(bytes),
            SourceFormat.Pdf => PdfTableReader.Read(extracted.Value.Pages),
            _ => [],
        });
        question = TableAttacher.AttachAnnexes(question, AnnexTables(question, annexes));
        var figures = stages.Contains(PipelineStage.Figures) ? FigureExtractor.Extract(question) : null;
        var document = new IndexedDocument(key, source, question, figures?.Figures ?? [])
        {
            ContentHash = rawHash,
            Themes = metadata?.Themes ?? [],
            SourceUrl = metadata?.PdfUrl ?? (source.StartsWith("http", StringComparison.Ordinal) ? source : null),
            Checks = figures?.Checks ?? [],
        };
        return new Result(document, warnings, null, null, false)
        {
            Figures = figures,
            Engine = extracted.Value.Engine,
        };
    }

    /// <summary>
    /// Every sheet of the XLSX annexes as a table, numbered as the answer lists its annexes (an annex's
    /// place in <see cref="WrittenQuestion.Annexes"/>, by link id; else the order fetched), so a
    /// reference "bijlage 1, tabblad 4" finds its sheet.
    /// </summary>
    private static ImmutableArray<Table> AnnexTables(WrittenQuestion question, IReadOnlyList<(int? LinkId, byte[] Bytes)>? annexes)
    {
        if (annexes is null || annexes.Count == 0)
        {
            return [];
        }

        var tables = ImmutableArray.CreateBuilder<Table>();
        for (var i = 0; i < annexes.Count; i++)
        {
            var (linkId, annexBytes) = annexes[i];
            var listed = linkId is null ? -1 : question.Annexes.Select(a => a.LinkId).ToList().IndexOf(linkId);
            tables.AddRange(XlsxTableReader.Read(annexBytes, listed >= 0 ? listed + 1 : i + 1));
        }

        return tables.ToImmutable();
    }
}
