using QaIngest.Extract;
using QaIngest.Index;
using QaIngest.Pipeline;

namespace QaIngest.Tests.Tables;

/// <summary>A store made of table fixtures (corpus/fixtures/tables) run through extract, parse, figures and index, as the pipeline does.</summary>
public static class TableCorpus
{
    public static async Task IndexAsync(string directory, params string[] fixtures)
    {
        var processor = new DocumentProcessor(new TextExtractor(new PdfTextExtractorOptions { PdfToTextPath = null }));
        var documents = new List<IndexedDocument>();
        foreach (var name in fixtures)
        {
            var path = Repo.File_("corpus", "fixtures", "tables", name);
            var result = await processor.ProcessAsync(
                File.ReadAllBytes(path), name, path, name, [PipelineStage.Extract, PipelineStage.Parse, PipelineStage.Figures, PipelineStage.Index], CancellationToken.None);
            Assert.True(result.Document is not null, $"{name}: {result.Error}");
            documents.Add(result.Document!);
        }

        using var index = SearchIndex.Open(directory, create: true);
        foreach (var document in documents)
        {
            index.Add(document);
        }
    }
}
