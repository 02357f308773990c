using QaIngest.Extract;
using QaIngest.Tests.Extract;

namespace QaIngest.Tests.Pipeline;

/// <summary>The run report counts the documents each PDF engine read.</summary>
public sealed class PipelineEngineCountTests
{
    [Fact]
    public async Task RunAsync_RealPdfAndOneOnlyPopplerReads_CountsEachEngine()
    {
        using var workspace = new PipelineWorkspace();
        File.WriteAllBytes(Path.Combine(workspace.Root, "corpus", "real", "nested.pdf"), MinimalPdf.DeeplyNested(50_000));

        var report = await workspace.RunAsync(PipelineWorkspace.Seeds());

        Assert.Equal(1, report.Engines[PdfTextExtractor.PdfPigEngine]);
        Assert.Equal(1, report.Engines[PdfTextExtractor.PopplerEngine]);
        Assert.Equal(2, report.Engines.Values.Sum());
    }
}
