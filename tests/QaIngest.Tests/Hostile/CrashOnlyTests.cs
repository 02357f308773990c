using System.Text.Json;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// Crash-only processing: a document whose reading kills the process (the CLI's test hook
/// <c>QAINGEST_TEST_DIE_ON</c> sends the process SIGKILL when it starts reading that file) is tried
/// again alone, then quarantined as a failure, and every later run ends.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class CrashOnlyTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("qaingest-crash-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Run_DocumentThatKillsTheProcess_IsQuarantinedAfterTwoDeathsAndTheNextRunsEnd()
    {
        var docs = Directory.CreateDirectory(Path.Combine(work, "docs")).FullName;
        var seeds = new[] { "000_57b4a00a02773f93.txt", "001_98b0514b58b8ebbf.txt", "002_61f6de835ac0d6a8.txt" };
        foreach (var seed in seeds)
        {
            File.Copy(Repo.Seed(seed), Path.Combine(docs, seed));
        }

        // A good written question in its own right: only the hook makes reading it fatal.
        File.Copy(Repo.Seed("003_4c706d359fb8f43f.txt"), Path.Combine(docs, "killer.txt"));
        File.WriteAllText(Path.Combine(work, "p.json"), """{ "name": "crash", "source": { "files": "docs/*" }, "stages": ["extract", "parse", "figures", "index"], "data": "data", "parallelism": 2 }""");
        var die = new Dictionary<string, string> { ["QAINGEST_TEST_DIE_ON"] = "killer.txt" };

        var first = Cli.Cli.RunWith(die, work, "run", "p.json", "--quiet", "--format", "json");
        var second = Cli.Cli.RunWith(die, work, "run", "p.json", "--quiet", "--format", "json");
        var third = Cli.Cli.RunWith(die, work, "run", "p.json", "--quiet", "--format", "json");
        var fourth = Cli.Cli.RunWith(die, work, "run", "p.json", "--quiet", "--format", "json");

        // Killed by the signal: no report, the shell's 128 + 9.
        Assert.Equal(137, first.ExitCode);
        Assert.Equal(137, second.ExitCode);
        Assert.Equal(1, third.ExitCode);
        var report = JsonDocument.Parse(third.StdOut).RootElement;
        var failed = Assert.Single(report.GetProperty("failed").EnumerateArray());
        Assert.Equal("docs/killer.txt", failed.GetProperty("key").GetString());
        Assert.Equal("extract", failed.GetProperty("stage").GetString());
        Assert.StartsWith("the process died while reading this file (2 times)", failed.GetProperty("reason").GetString());
        Assert.False(failed.GetProperty("transient").GetBoolean());
        Assert.Equal(seeds.Length, report.GetProperty("index").GetProperty("documents").GetInt32());

        Assert.Equal(0, fourth.ExitCode);
        var after = JsonDocument.Parse(fourth.StdOut).RootElement;
        Assert.Equal(1, after.GetProperty("knownFailures").GetInt32());
        Assert.Equal(seeds.Length, after.GetProperty("documents").GetProperty("unchanged").GetInt32());
        Assert.Equal(seeds.Length, after.GetProperty("index").GetProperty("documents").GetInt32());
    }

    [Fact]
    public void Run_QuarantinedDocument_IsReadAgainWhenItChangesOrAfterRetryFailed()
    {
        var docs = Directory.CreateDirectory(Path.Combine(work, "docs")).FullName;
        File.Copy(Repo.Seed("000_57b4a00a02773f93.txt"), Path.Combine(docs, "good.txt"));
        File.Copy(Repo.Seed("003_4c706d359fb8f43f.txt"), Path.Combine(docs, "killer.txt"));
        File.WriteAllText(Path.Combine(work, "p.json"), """{ "name": "crash", "source": { "files": "docs/*" }, "stages": ["extract", "parse", "figures", "index"], "data": "data" }""");
        var die = new Dictionary<string, string> { ["QAINGEST_TEST_DIE_ON"] = "killer.txt" };
        for (var i = 0; i < 3; i++)
        {
            Cli.Cli.RunWith(die, work, "run", "p.json", "--quiet");
        }

        // Without the hook the file reads fine: retry-failed puts it back and the next run indexes it.
        var retry = Cli.Cli.RunIn(work, "retry-failed", "--data", "data");
        var healed = Cli.Cli.RunIn(work, "run", "p.json", "--quiet", "--format", "json");

        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(0, healed.ExitCode);
        var report = JsonDocument.Parse(healed.StdOut).RootElement;
        Assert.Equal(2, report.GetProperty("index").GetProperty("documents").GetInt32());
        Assert.Empty(report.GetProperty("failed").EnumerateArray());
    }
}
