using Microsoft.Data.Sqlite;
using QaIngest.Extract;
using QaIngest.Pipeline;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// A document whose extraction times out is retried by the next runs, its attempts counted, and
/// after <see cref="PipelineDefinition.QuarantineAfterTimeouts"/> of them it is a known failure: the
/// run after that exits 0 instead of failing on it every night.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileTimeoutTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("qaingest-timeouts-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task Run_ExtractionTimingOutEveryTime_RetriedThenAKnownFailureAfterThreeAttempts()
    {
        var docs = Directory.CreateDirectory(Path.Combine(work, "docs")).FullName;
        File.Copy(Repo.Seed("000_57b4a00a02773f93.txt"), Path.Combine(docs, "seed.txt"));
        File.WriteAllBytes(Path.Combine(docs, "slow.pdf"), QaIngest.Tests.Extract.MinimalPdf.WithText(1, 3));
        var path = Path.Combine(work, "p.json");
        File.WriteAllText(path, """{ "name": "timeouts", "source": { "files": "docs/*" }, "stages": ["extract", "parse", "figures", "index"], "data": "data" }""");
        var pipeline = PipelineDefinitionReader.ReadFile(path).Definition!;
        Assert.Equal(3, pipeline.QuarantineAfterTimeouts);

        // Every page of a PDF takes 1.5 s against a 0.2 s limit: the reading times out on every run.
        var options = new PipelineRunOptions
        {
            WorkingDirectory = work,
            Pdf = new PdfTextExtractorOptions { PdfToTextPath = null, Timeout = TimeSpan.FromMilliseconds(200), BeforePage = _ => Thread.Sleep(1500) },
        };

        var reports = new List<RunReport>();
        for (var run = 0; run < 4; run++)
        {
            reports.Add(await new PipelineRunner(pipeline, options).RunAsync());
        }

        foreach (var report in reports.Take(2))
        {
            Assert.Equal(1, report.ExitCode);
            var failure = Assert.Single(report.Failed);
            Assert.EndsWith("slow.pdf", failure.Key, StringComparison.Ordinal);
            Assert.True(failure.Transient);
            Assert.Contains("timed out", failure.Reason, StringComparison.Ordinal);
        }

        var third = Assert.Single(reports[2].Failed);
        Assert.Equal(1, reports[2].ExitCode);
        Assert.False(third.Transient);
        Assert.EndsWith("(3 times; skipped until it changes or 'qaingest retry-failed')", third.Reason, StringComparison.Ordinal);
        Assert.Equal(0, reports[3].ExitCode);
        Assert.Equal(1, reports[3].KnownFailures);
        Assert.Equal(1, reports[3].Index!.Documents);
    }
}
