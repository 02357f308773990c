using System.Collections.Immutable;
using QaIngest.Extract;
using QaIngest.Figures;
using QaIngest.Fetch;
using QaIngest.Index;
using QaIngest.Parse;
using QaIngest.Pipeline;

namespace QaIngest.Cli;

/// <summary>
/// Reads a document file of any supported format (PDF, DOCX, HTML, text; recognised from its
/// bytes) and runs Extract, Parse and Figures on it.
/// </summary>
public static class DocumentLoader
{
    private static readonly DocumentProcessor Processor = new(new TextExtractor());

    private static readonly ImmutableArray<PipelineStage> AllStages = [PipelineStage.Extract, PipelineStage.Parse, PipelineStage.Figures];

    /// <summary>What the stages made of one file.</summary>
    public sealed record LoadedDocument(string Path, string ContentHash, WrittenQuestion Question, FigureExtraction Figures, IReadOnlyList<string> Warnings)
    {
        /// <summary>
        /// The document keyed the way a files pipeline keys it: its path relative to the working
        /// directory (with '/'), or its full path when it lies outside; so <c>index seeds</c> and
        /// <c>run pipelines/seeds.json</c> replace each other's documents instead of doubling them.
        /// </summary>
        public IndexedDocument ToIndexed()
        {
            var full = System.IO.Path.GetFullPath(Path);
            var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, full);
            var key = relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? full : relative.Replace('\\', '/');
            return new IndexedDocument(key, key, Question, Figures.Figures) { ContentHash = ContentHash, Themes = Themes, SourceUrl = SourceUrl, Checks = Figures.Checks };
        }

        /// <summary>The parliament's themes, from a scraped file's metadata lines.</summary>
        public ImmutableArray<string> Themes { get; init; } = [];

        /// <summary>The parliament's URL of the document, from a scraped file's metadata lines.</summary>
        public string? SourceUrl { get; init; }
    }

    /// <summary>The document, or null with a one-line reason.</summary>
    public static async Task<(LoadedDocument? Document, string? Error)> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = InputFile.ReadBytes(path, out var error);
        if (bytes is null)
        {
            return (null, error);
        }

        if (bytes.Length == 0)
        {
            return (null, $"{path}: empty file");
        }

        TestHooks.StallOn()?.Invoke(path);

        // The same stages as a pipeline run, in the same order, from the same place.
        var result = await Processor.ProcessAsync(bytes, path, path, RawStore.Sha256Hex(bytes), AllStages, cancellationToken);
        if (result.Document is null)
        {
            return (null, $"{path}: {result.Error}");
        }

        return (new LoadedDocument(path, result.Document.ContentHash!, result.Document.Question, result.Figures!, result.Warnings)
        {
            Themes = result.Document.Themes,
            SourceUrl = result.Document.SourceUrl,
        }, null);
    }

    /// <summary>Every document file under the given files and folders, in a stable order.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths, List<string> missing)
    {
        string[] extensions = [".txt", ".pdf", ".docx", ".html", ".htm"];
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(f => extensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
                             .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                missing.Add(path);
            }
        }
    }
}
