using System.Text.Json;
using QaIngest.Fetch;

namespace QaIngest.Tests.Cli;

/// <summary><c>qaingest run</c>, <c>status</c> and <c>retry-failed</c> as scripts and cron call them.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string data = Path.Combine(Directory.CreateTempSubdirectory("qaingest-run-").FullName, "data");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(data)!, recursive: true);

    [Fact]
    public void Run_SeedsPipelineTwice_IngestsThenReportsEverythingUnchanged()
    {
        var first = Cli.Run("run", "pipelines/seeds.json", "--data", data, "--format", "json");
        var second = Cli.Run("run", "pipelines/seeds.json", "--data", data, "--format", "json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var a = JsonDocument.Parse(first.StdOut).RootElement;
        var b = JsonDocument.Parse(second.StdOut).RootElement;
        var files = a.GetProperty("documents").GetProperty("new").GetInt32();
        Assert.True(files >= 6, first.StdOut);
        Assert.Equal(files, a.GetProperty("index").GetProperty("documents").GetInt32());
        Assert.Equal(files, b.GetProperty("documents").GetProperty("unchanged").GetInt32());
        Assert.Equal(0, b.GetProperty("items").GetInt32());
        Assert.Equal(0, b.GetProperty("documents").GetProperty("new").GetInt32() + b.GetProperty("documents").GetProperty("reprocessed").GetInt32());
        Assert.Equal(2, Directory.EnumerateFiles(Path.Combine(data, "runs"), "*.json").Count());
        Assert.True(File.Exists(Path.Combine(data, "alerts", "RIZIV.jsonl")));
    }

    [Fact]
    public void Run_TextOutput_IsTheReportInLines()
    {
        var outcome = Cli.Run("run", "pipelines/seeds.json", "--data", data);

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("run seeds: ", outcome.StdOut);
        Assert.Contains("alerts: RIZIV ", outcome.StdOut);
        Assert.Contains("report: ", outcome.StdOut);
    }

    [Theory]
    [InlineData("pipelines/missing.json", "cannot read the pipeline file")]
    [InlineData("seeds/001_98b0514b58b8ebbf.txt", "not valid JSON")]
    public void Run_BadPipelineFile_ExitsTwoWithAReason(string file, string reason)
    {
        var outcome = Cli.Run("run", file, "--data", data);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(reason, outcome.StdErr);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void Run_DataDirectoryLocked_ExitsThree()
    {
        using var held = DataDirectory.Open(data);

        var outcome = Cli.Run("run", "pipelines/seeds.json", "--data", data);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("another run is in progress (pid ", outcome.StdErr);
    }

    [Fact]
    public void StatusAndRetryFailed_AfterARunWithABadFile_ListAndPutBack()
    {
        var work = Path.GetDirectoryName(data)!;
        Directory.CreateDirectory(Path.Combine(work, "docs"));
        File.Copy(Repo.Seed("001_98b0514b58b8ebbf.txt"), Path.Combine(work, "docs", "001.txt"));
        File.WriteAllBytes(Path.Combine(work, "docs", "broken.pdf"), [.. "%PDF-1.4\n"u8, 0, 1, 2, 3]);
        var pipeline = Path.Combine(work, "docs.json");
        File.WriteAllText(pipeline, $$"""{ "name": "docs", "source": { "files": "docs/*" }, "stages": ["extract", "parse", "figures", "index"], "data": "{{data}}" }""");

        var run = Cli.RunIn(work, "run", "docs.json");
        var status = Cli.Run("status", "--data", data, "--format", "json");
        var retry = Cli.Run("retry-failed", "--data", data);
        var after = Cli.Run("status", "--data", data);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("failed ", run.StdOut);
        Assert.Equal(0, status.ExitCode);
        var failed = JsonDocument.Parse(status.StdOut).RootElement.GetProperty("failed");
        Assert.Equal(1, failed.GetArrayLength());
        Assert.Equal("failed", failed[0].GetProperty("status").GetString());
        Assert.Equal("extract", failed[0].GetProperty("stage").GetString());
        Assert.Equal(0, retry.ExitCode);
        Assert.StartsWith("1 failed stages put back", retry.StdOut);
        Assert.Contains("retried next run", after.StdOut);
    }

    [Theory]
    [InlineData("run", "pipelines/seeds.json")]
    [InlineData("status")]
    [InlineData("retry-failed")]
    public void Command_DatabaseIsGarbage_ExitsTwoWithOneLine(params string[] command)
    {
        Directory.CreateDirectory(data);
        File.WriteAllBytes(Path.Combine(data, "qaingest.db"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        var outcome = Cli.Run([.. command, "--data", data]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.StdErr.Trim().Split('\n'));
        Assert.DoesNotContain("Unhandled", outcome.StdErr);
    }

    [Fact]
    public void Run_SiteUnreachable_ExitsOneAndSaysDiscoveryFailed()
    {
        var work = Path.GetDirectoryName(data)!;
        File.WriteAllText(Path.Combine(work, "down.json"), """
            { "name": "down", "source": { "discover": { "from": "2024-01-01", "to": "2024-01-02" }, "baseUrl": "http://127.0.0.1:9/" },
              "stages": ["fetch", "extract", "parse", "figures", "index"],
              "resilience": { "attemptTimeoutSeconds": 1, "maxRetryAttempts": 1, "retryBaseDelaySeconds": 0.05 } }
            """);

        var outcome = Cli.RunIn(work, "run", "down.json", "--quiet");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("discovery failed: ", outcome.StdOut);
        Assert.Contains("0 new", outcome.StdOut);
    }

    [Fact]
    public void Status_NoData_ExitsTwo()
    {
        var outcome = Cli.Run("status", "--data", data);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("does not exist", outcome.StdErr);
    }
}
