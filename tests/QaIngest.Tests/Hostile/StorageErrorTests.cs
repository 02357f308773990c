using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// Storage that fails under the data folder: a damaged database (garbage over its first pages, or cut
/// short), a disk that is full for real (a tiny tmpfs), a folder that is read-only for real (the
/// tmpfs remounted read-only). Every command that opens the data folder ends with one line and exit
/// code 2 (a command that only reads may still succeed on a full disk or a read-only folder), no
/// temporary or half-written file is left, and once the storage is whole again the index is what it
/// was and the next run exits 0.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class StorageErrorTests : IAsyncLifetime
{
    private static readonly string[] Writers = ["index", "run", "fetch", "reindex"];

    private readonly string work = Directory.CreateTempSubdirectory("qaingest-storage-").FullName;
    private StandInSite site = null!;

    public async Task InitializeAsync()
    {
        site = await StandInSite.StartAsync(new StandInOptions { CorpusDirectory = Repo.File_("corpus"), SeedsDirectory = Repo.File_("seeds"), Synthetic = 5 });

        // The seeds, and changed copies of them a later run would index as new documents.
        var docs = Directory.CreateDirectory(Path.Combine(work, "docs")).FullName;
        var more = Directory.CreateDirectory(Path.Combine(work, "more")).FullName;
        foreach (var seed in Directory.EnumerateFiles(Repo.File_("seeds"), "*.txt"))
        {
            File.Copy(seed, Path.Combine(docs, Path.GetFileName(seed)));
            File.WriteAllText(Path.Combine(more, "copy-" + Path.GetFileName(seed)), File.ReadAllText(seed) + "\nEen regel meer.\n");
        }

        File.WriteAllText(Path.Combine(work, "p.json"), """{ "name": "seeds", "source": { "files": "docs/*.txt" }, "stages": ["extract", "parse", "figures", "index"] }""");
        File.WriteAllText(Path.Combine(work, "more.json"), """{ "name": "more", "source": { "files": "more/*.txt" }, "stages": ["extract", "parse", "figures", "index"] }""");
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public void DamagedDatabase_EveryCommand_OneLineAndExit2_AndTheBackupWorksAgain(string damage)
    {
        var data = Path.Combine(work, "data");
        Assert.Equal(0, Cli.Cli.RunIn(work, "run", "p.json", "--data", data, "--quiet").ExitCode);
        var before = Snapshot(data);
        var database = Path.Combine(data, "qaingest.db");
        var backup = File.ReadAllBytes(database);
        Damage(database, damage);

        foreach (var (name, outcome) in EveryCommand(data))
        {
            Assert.True(outcome.ExitCode == 2, $"{name}: exit {outcome.ExitCode}: {outcome.StdErr}");
            AssertOneLine(name, outcome);
            Assert.Matches("damaged|malformed|not a database", outcome.StdErr);
        }

        AssertNothingHalfWritten(data);
        File.WriteAllBytes(database, backup);
        Assert.Equal(before, Snapshot(data));
        var again = Cli.Cli.RunIn(work, "run", "p.json", "--data", data, "--quiet", "--format", "json");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(5, JsonDocument.Parse(again.StdOut).RootElement.GetProperty("documents").GetProperty("unchanged").GetInt32());
    }

    [TinyDiskFact]
    public void FullDisk_EveryCommand_OneLineAndExit2_AndTheIndexStaysAsItWas()
    {
        using var disk = TinyDisk.Mount(Path.Combine(work, "disk"), 16);
        var data = Path.Combine(disk.Path, "data");
        Assert.Equal(0, Cli.Cli.RunIn(work, "run", "p.json", "--data", data, "--quiet").ExitCode);
        var before = Snapshot(data);
        var filler = disk.Fill();

        foreach (var (name, outcome) in EveryCommand(data))
        {
            if (Writers.Contains(name))
            {
                Assert.True(outcome.ExitCode == 2, $"{name}: exit {outcome.ExitCode}: {outcome.StdErr}");
                Assert.Matches("the disk is full|No space left on device", outcome.StdErr);
            }

            AssertOneLine(name, outcome);
        }

        AssertNothingHalfWritten(data);
        File.Delete(filler);
        Assert.Equal(before, Snapshot(data));
        var again = Cli.Cli.RunIn(work, "run", "p.json", "--data", data, "--quiet", "--format", "json");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(5, JsonDocument.Parse(again.StdOut).RootElement.GetProperty("documents").GetProperty("unchanged").GetInt32());
        Assert.Equal(0, Cli.Cli.RunIn(work, "run", "more.json", "--data", data, "--quiet").ExitCode);
    }

    [TinyDiskFact]
    public void DiskFillingUpDuringARun_OneLineNotOnePerDocument()
    {
        using var disk = TinyDisk.Mount(Path.Combine(work, "disk"), 64);
        var data = Path.Combine(disk.Path, "data");
        Assert.Equal(0, Cli.Cli.RunIn(work, "run", "p.json", "--data", data, "--quiet").ExitCode);
        var before = Snapshot(data);

        // A few hundred documents with room for the run to start and the lock to be taken, not for all of them.
        var many = Directory.CreateDirectory(Path.Combine(work, "many")).FullName;
        var text = File.ReadAllText(Directory.EnumerateFiles(Repo.File_("seeds"), "*.txt").First());
        for (var i = 0; i < 300; i++)
        {
            File.WriteAllText(Path.Combine(many, $"q{i:000}.txt"), text + $"\nRegel {i} van een lange reeks.\n" + string.Concat(Enumerable.Repeat($"Woord{i} ", 200)));
        }

        File.WriteAllText(Path.Combine(work, "many.json"), """{ "name": "many", "source": { "files": "many/*.txt" }, "stages": ["extract", "parse", "figures", "index"] }""");
        var filler = disk.Fill(leave: 256 * 1024);

        var outcome = Cli.Cli.RunIn(work, "run", "many.json", "--data", data, "--quiet");

        Assert.Equal(2, outcome.ExitCode);
        AssertOneLine("run", outcome);
        Assert.Matches("the disk is full|No space left on device", outcome.StdErr);
        AssertNothingHalfWritten(data);
        File.Delete(filler);
        var status = Cli.Cli.RunIn(work, "status", "--data", data, "--format", "json");
        Assert.True(status.ExitCode == 0, status.StdErr);
        Assert.DoesNotContain("No space left", status.StdOut, StringComparison.Ordinal);
        var seeds = Cli.Cli.RunIn(work, "run", "p.json", "--data", data, "--quiet", "--format", "json");
        Assert.True(seeds.ExitCode == 0, seeds.StdErr);
        Assert.Equal(5, JsonDocument.Parse(seeds.StdOut).RootElement.GetProperty("documents").GetProperty("unchanged").GetInt32());
        var rest = Cli.Cli.RunIn(work, "run", "many.json", "--data", data, "--quiet");
        Assert.True(rest.ExitCode == 0, rest.StdErr);
        Assert.NotEqual(before, Snapshot(data));
    }

    [TinyDiskFact]
    public void ReadOnlyFolder_EveryCommand_OneLineAndExit2ForWriters_AndTheIndexStaysAsItWas()
    {
        using var disk = TinyDisk.Mount(Path.Combine(work, "disk"), 16);
        var data = Path.Combine(disk.Path, "data");
        Assert.Equal(0, Cli.Cli.RunIn(work, "run", "p.json", "--data", data, "--quiet").ExitCode);
        var before = Snapshot(data);
        disk.ReadOnly(true);

        foreach (var (name, outcome) in EveryCommand(data))
        {
            if (Writers.Contains(name))
            {
                Assert.True(outcome.ExitCode == 2, $"{name}: exit {outcome.ExitCode}: {outcome.StdErr}");
            }

            AssertOneLine(name, outcome);
        }

        disk.ReadOnly(false);
        AssertNothingHalfWritten(data);
        Assert.Equal(before, Snapshot(data));
        Assert.Equal(0, Cli.Cli.RunIn(work, "run", "p.json", "--data", data, "--quiet").ExitCode);
    }

    private IEnumerable<(string Name, Cli.Cli.Outcome Outcome)> EveryCommand(string data)
    {
        var export = Path.Combine(work, $"export-{Guid.NewGuid():N}");
        yield return ("index", Cli.Cli.RunIn(work, "index", "more", "--data", data));
        yield return ("run", Cli.Cli.RunIn(work, "run", "more.json", "--data", data, "--quiet"));
        yield return ("fetch", Cli.Cli.RunIn(work, "fetch", "--link-id", "900001", "--base-url", site.BaseUrl.AbsoluteUri, "--no-politeness", "--data", data));
        yield return ("reindex", Cli.Cli.RunIn(work, "reindex", "--data", data));
        yield return ("search", Cli.Cli.RunIn(work, "search", "RIZIV", "--data", data));
        yield return ("amounts", Cli.Cli.RunIn(work, "amounts", "--data", data));
        yield return ("status", Cli.Cli.RunIn(work, "status", "--data", data));
        yield return ("export", Cli.Cli.RunIn(work, "export", "--to", export, "--format", "csv", "--data", data));
    }

    private static void AssertOneLine(string name, Cli.Cli.Outcome outcome)
    {
        Assert.DoesNotContain("Unhandled", outcome.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.StdErr, StringComparison.Ordinal);
        if (outcome.ExitCode != 0)
        {
            Assert.True(outcome.StdErr.Trim().Split('\n').Length == 1, $"{name}: {outcome.StdErr}");
            Assert.StartsWith("qaingest: ", outcome.StdErr, StringComparison.Ordinal);
        }
    }

    // No temporary file anywhere under the data folder, and every stored raw file whole (named by the hash of its bytes).
    private static void AssertNothingHalfWritten(string data)
    {
        Assert.Empty(Directory.EnumerateFiles(data, "*.tmp", SearchOption.AllDirectories));
        var raw = Path.Combine(data, "raw");
        if (Directory.Exists(raw))
        {
            foreach (var file in Directory.EnumerateFiles(raw, "*", SearchOption.AllDirectories))
            {
                Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), Path.GetFileName(file), StringComparison.Ordinal);
            }
        }

        var runs = Path.Combine(data, "runs");
        if (Directory.Exists(runs))
        {
            foreach (var report in Directory.EnumerateFiles(runs))
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(report));
            }
        }
    }

    // What a reader sees: the hits of two searches and every amount, as the commands print them.
    private string Snapshot(string data)
    {
        var parts = new[] { new[] { "search", "RIZIV", "--format", "json" }, ["search", "werkzoekenden", "--format", "json"], ["amounts", "--format", "json"] }
            .Select(args => Cli.Cli.RunIn(work, [.. args, "--data", data]))
            .ToList();
        Assert.All(parts, p => Assert.Equal(0, p.ExitCode));
        return string.Join("\n", parts.Select(p => p.StdOut));
    }

    private static void Damage(string database, string how)
    {
        SqliteConnection.ClearAllPools();
        if (how == "truncated")
        {
            using var file = new FileStream(database, FileMode.Open, FileAccess.Write);
            file.SetLength(file.Length / 5);
        }
        else
        {
            using var file = new FileStream(database, FileMode.Open, FileAccess.Write);
            var garbage = new byte[8192];
            new Random(18).NextBytes(garbage);
            file.Write(garbage);
        }
    }
}
