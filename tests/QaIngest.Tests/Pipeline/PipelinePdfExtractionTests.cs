using QaIngest.Extract;
using QaIngest.Tests.Extract;

namespace QaIngest.Tests.Pipeline;

/// <summary>PDF extraction in a run: the documents each engine read are counted, and stuck readings stop the run.</summary>
public sealed class PipelinePdfExtractionTests
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

    [Fact]
    public async Task RunAsync_PdfReadingsStuckPastTheTimeLimit_StopsTheRunWithTheReason()
    {
        using var workspace = new PipelineWorkspace();
        var real = Path.Combine(workspace.Root, "corpus", "real");
        for (var i = 1; i <= 4; i++)
        {
            File.Copy(Path.Combine(real, "vrg_en_antw.235.pdf"), Path.Combine(real, $"copy{i}.pdf"));
        }

        using var gate = new ManualResetEventSlim(false);
        var pdf = new PdfTextExtractorOptions { PdfToTextPath = null, Timeout = TimeSpan.FromMilliseconds(300), MaxAbandoned = 1, BeforePage = _ => gate.Wait(TimeSpan.FromSeconds(60)) };
        try
        {
            var stop = await Assert.ThrowsAsync<QaIngest.Pipeline.PipelineFailedException>(() =>
                new QaIngest.Pipeline.PipelineRunner(PipelineWorkspace.Seeds(), new QaIngest.Pipeline.PipelineRunOptions { WorkingDirectory = workspace.Root, Pdf = pdf }).RunAsync());

            Assert.StartsWith("stopped: ", stop.Message, StringComparison.Ordinal);
            Assert.Contains("PDF extractions are still running past the 0.3 s time limit", stop.Message, StringComparison.Ordinal);
        }
        finally
        {
            gate.Set();
        }
    }
}
