using System.Collections.Immutable;
using QaIngest.Extract;
using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;

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

        /// <summary>The PDF engine that read the text (<c>pdfpig</c> or <c>poppler</c>); null for other formats.</summary>
        public string? Engine { get; init; }

        public static Result Failure(PipelineStage stage, string error, bool transient, ImmutableArray<string> warnings) => new(null, warnings, stage, error, transient);
    }

    public async Task<Result> ProcessAsync(byte[] bytes, string key, string source, string rawHash, ImmutableArray<PipelineStage> stages, CancellationToken cancellationToken)
    {
        var extracted = await extractor.ExtractAsync(bytes, cancellationToken).ConfigureAwait(false);
        if (!extracted.Success)
        {
            // A missing tool or a time-out may pass; a broken or unsupported file will not.
            var transient = extracted.Failure is ExtractionFailure.ToolMissing or ExtractionFailure.TimedOut;
            return Result.Failure(PipelineStage.Extract, extracted.Error, transient, []);
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
        var question = metadata?.Title is { } siteTitle ? parsed.Value with { Title = siteTitle } : parsed.Value;
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
}
