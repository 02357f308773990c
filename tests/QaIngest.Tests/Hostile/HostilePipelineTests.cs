using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// The acceptance run: a pipeline over the seeds plus every hostile file, generated here, run twice
/// as cron runs it. The first run ends with the hostile files as failures (exit 1), the second with
/// them as known failures (exit 0), and the index holds exactly the seeds, once each.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostilePipelineTests : IDisposable
{
    private static readonly string[] Seeds = ["000_57b4a00a02773f93.txt", "001_98b0514b58b8ebbf.txt", "002_61f6de835ac0d6a8.txt", "003_4c706d359fb8f43f.txt", "004_35977454894e5686.txt"];

    private readonly string work = Directory.CreateTempSubdirectory("qaingest-hostile-run-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Run_SeedsPlusEveryHostileFile_TwiceEndsOneThenZeroWithOnlyTheSeedsIndexed()
    {
        var docs = Directory.CreateDirectory(Path.Combine(work, "docs")).FullName;
        foreach (var seed in Seeds)
        {
            File.Copy(Repo.Seed(seed), Path.Combine(docs, seed));
        }

        var hostile = new Dictionary<string, string>
        {
            ["docs/deep.html"] = "nesting deeper than 500 elements",
            ["docs/unclosed.html"] = "nesting deeper than 500 elements",
            ["docs/nested.docx"] = "nesting deeper than 500 elements (in word/document.xml)",
            ["docs/bomb.docx"] = "document larger than 48 MB when decompressed",
            ["docs/long.txt"] = "text longer than 4,000,000 characters",
            ["docs/gigabyte.txt"] = "document larger than 64 MB",
            ["docs/fifo.txt"] = "a named pipe (FIFO), not a regular file",
            ["docs/zero.txt"] = "a device, not a regular file",
            ["docs/self.txt"] = "a symbolic link loop, not a regular file",
            ["docs/loop"] = "a symbolic link to a directory, not followed",
        };
        HostileInputs.Write(docs, "deep.html", Encoding.UTF8.GetBytes(HostileInputs.NestedDivs(40_000)));
        HostileInputs.Write(docs, "unclosed.html", Encoding.UTF8.GetBytes(HostileInputs.UnclosedBoldItalic(100_000)));
        HostileInputs.Write(docs, "nested.docx", HostileInputs.NestedContentControls(40_000));
        HostileInputs.Write(docs, "bomb.docx", HostileInputs.TinyParagraphs(1_600_000));
        var run = new byte[4_000_001];
        Array.Fill(run, (byte)'a');
        HostileInputs.Write(docs, "long.txt", run);
        HostileInputs.Sparse(docs, "gigabyte.txt", 1L << 30);
        HostileInputs.Fifo(docs, "fifo.txt");
        HostileInputs.Link(docs, "zero.txt", "/dev/zero");
        HostileInputs.Link(docs, "self.txt", Path.Combine(docs, "self.txt"));
        HostileInputs.Link(docs, "loop", docs);
        File.WriteAllText(Path.Combine(work, "p.json"), """{ "name": "hostile", "source": { "files": "docs/**/*" }, "stages": ["extract", "parse", "figures", "index"], "data": "data" }""");
        var watch = Stopwatch.StartNew();

        var first = Cli.Cli.RunIn(work, "run", "p.json", "--quiet", "--format", "json");
        var second = Cli.Cli.RunIn(work, "run", "p.json", "--quiet", "--format", "json");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"two runs took {watch.Elapsed.TotalSeconds:0} s");
        Assert.True(first.ExitCode == 1, first.StdErr + first.StdOut);
        var report = JsonDocument.Parse(first.StdOut).RootElement;
        var failed = report.GetProperty("failed").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("reason").GetString()!);
        Assert.Equal(hostile.OrderBy(h => h.Key, StringComparer.Ordinal), failed.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(Seeds.Length, report.GetProperty("documents").GetProperty("new").GetInt32());
        Assert.True(report.GetProperty("peakMemoryBytes").GetInt64() < Budget.OneGigabyte, $"peak memory {report.GetProperty("peakMemoryBytes").GetInt64() / 1e6:0} MB");

        Assert.True(second.ExitCode == 0, second.StdErr + second.StdOut);
        var again = JsonDocument.Parse(second.StdOut).RootElement;
        Assert.Equal(hostile.Count, again.GetProperty("knownFailures").GetInt32());
        Assert.Equal(Seeds.Length, again.GetProperty("documents").GetProperty("unchanged").GetInt32());
        Assert.Empty(again.GetProperty("failed").EnumerateArray());
        var index = again.GetProperty("index");
        Assert.Equal(Seeds.Length, index.GetProperty("documents").GetInt32());

        var search = Cli.Cli.RunIn(work, "search", "RIZIV", "--data", "data", "--format", "json", "--limit", "100");
        Assert.Equal(0, search.ExitCode);
        var keys = JsonDocument.Parse(search.StdOut).RootElement.GetProperty("hits").EnumerateArray().Select(r => r.GetProperty("source").GetString()!).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith("docs/0", k, StringComparison.Ordinal));
    }
}
