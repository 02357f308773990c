using System.Diagnostics;
using System.Text.Json;
using QaIngest.Fetch;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Cli;

public sealed class FetchCommandTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("qaingest-cli-fetch-").FullName;
    private StandInSite site = null!;

    public async Task InitializeAsync() => site = await StandInSite.StartAsync(new StandInOptions
    {
        Synthetic = 60,
        CorpusDirectory = Repo.File_("corpus"),
        SeedsDirectory = Repo.File_("seeds"),
    });

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Fetch_KilledMidBatchThenRerun_EveryDocumentStoredExactlyOnce()
    {
        var ids = Path.Combine(data, "ids.txt");
        File.WriteAllLines(ids, ["# synthetic questions", .. Enumerable.Range(900001, 60).Select(i => i.ToString())]);
        var store = Path.Combine(data, "store");

        // 10 requests a second: the batch takes about 13 s, so it is surely killed half way.
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var arg in new[] { Cli.DllPath, "fetch", "--link-ids-file", ids, "--base-url", site.BaseUrl.AbsoluteUri, "--data", store, "--requests-per-second", "10" })
        {
            start.ArgumentList.Add(arg);
        }

        using (var child = Process.Start(start)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (RawFiles(store).Count < 10 && DateTime.UtcNow < deadline && !child.HasExited)
            {
                await Task.Delay(20);
            }

            Assert.False(child.HasExited, "the fetch ended before it could be killed");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var storedBeforeRerun = RawFiles(store).Count(f => !f.EndsWith(RawStore.TempSuffix, StringComparison.Ordinal));
        Assert.InRange(storedBeforeRerun, 10, 65);

        var rerun = Cli.Run("fetch", "--link-ids-file", ids, "--base-url", site.BaseUrl.AbsoluteUri, "--data", store, "--no-politeness", "--format", "json");

        Assert.True(rerun.ExitCode == 0, rerun.StdErr + rerun.StdOut);
        using var json = JsonDocument.Parse(rerun.StdOut);
        Assert.Equal(60, json.RootElement.GetProperty("fetched").GetInt32() + json.RootElement.GetProperty("unchanged").GetInt32());
        var files = RawFiles(store);
        Assert.Equal(66, files.Count); // 60 questions and the annexes of every tenth, each once
        Assert.DoesNotContain(files, f => f.EndsWith(RawStore.TempSuffix, StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal(Path.GetFileNameWithoutExtension(f), RawStore.Sha256Hex(File.ReadAllBytes(f))));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var manifest = new FetchManifest(Path.Combine(store, "qaingest.db"));
        var arrived = manifest.All().Where(r => r.Role == FetchRole.Document && r.Status != FetchStatus.Failed).Select(r => r.LinkId!.Value.Value).ToHashSet();
        Assert.Equal(Enumerable.Range(900001, 60).ToHashSet(), arrived);
    }

    [Fact]
    public void Fetch_PermanentFailures_ExitOneAndListedWithReasons()
    {
        var outcome = Cli.Run("fetch", "--link-id", "900001", "--link-id", "990404", "--link-id", "990302", "--base-url", site.BaseUrl.AbsoluteUri, "--data", data, "--no-politeness", "--format", "json");

        Assert.Equal(1, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.StdOut);
        Assert.Equal(1, json.RootElement.GetProperty("fetched").GetInt32());
        var failed = json.RootElement.GetProperty("failed").EnumerateArray().ToDictionary(f => f.GetProperty("linkId").GetInt32(), f => f.GetProperty("reason").GetString()!);
        Assert.StartsWith("HTTP 404", failed[990404]);
        Assert.StartsWith("redirect refused: to https://elders.example.org:443", failed[990302]);
    }

    [Fact]
    public void Fetch_AllArrivedAsText_ExitZero()
    {
        var outcome = Cli.Run("fetch", "--link-id", "900002", "--opendata-id", "1790264", "--base-url", site.BaseUrl.AbsoluteUri, "--data", data, "--requests-per-second", "50");

        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.StartsWith("fetched 2, unchanged 0, failed 0; annexes: fetched 1, unchanged 0, failed 0", outcome.StdOut);
    }

    [Theory]
    [InlineData("fetch")]
    [InlineData("fetch", "--link-id", "-4")]
    [InlineData("fetch", "--link-id", "12", "--no-politeness")]
    [InlineData("fetch", "--link-id", "12", "--base-url", "ftp://x")]
    [InlineData("fetch", "--link-ids-file", "no-such-file.txt")]
    [InlineData("discover", "--from", "2024-01-31")]
    [InlineData("discover", "--from", "2024-02-01", "--to", "2024-01-01")]
    [InlineData("standin", "--fault", "12=exploding")]
    [InlineData("standin", "--day", "2021-13-01")]
    [InlineData("standin", "--timeline", "no-such-folder")]
    [InlineData("standin", "--synthetic", "50001")]
    [InlineData("bench", "run", "--remote", "--documents", "50001")]
    public void Command_BadArguments_ExitTwo(params string[] args)
    {
        var outcome = Cli.Run(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("qaingest: ", outcome.StdErr);
    }

    [Fact]
    public void Fetch_DataFolderLocked_ExitThree()
    {
        using var held = DataDirectory.Open(data);

        var outcome = Cli.Run("fetch", "--link-id", "900001", "--base-url", site.BaseUrl.AbsoluteUri, "--data", data);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains($"another run is in progress (pid {Environment.ProcessId}, since ", outcome.StdErr);
    }

    [Fact]
    public void Discover_DateRange_ListsQuestionsAsJson()
    {
        var outcome = Cli.Run("discover", "--from", "2024-01-01", "--to", "2024-01-03", "--base-url", site.BaseUrl.AbsoluteUri, "--format", "json", "--requests-per-second", "50");

        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        using var json = JsonDocument.Parse(outcome.StdOut);
        Assert.Equal(9, json.RootElement.GetProperty("count").GetInt32());
        var first = json.RootElement.GetProperty("questions")[0];
        Assert.Equal(1, first.GetProperty("number").GetInt32());
        Assert.Equal("2024-01-01", first.GetProperty("date").GetString());
        Assert.EndsWith("/pfile?id=900001", first.GetProperty("documents")[0].GetString());
    }

    private static List<string> RawFiles(string store) =>
        Directory.Exists(Path.Combine(store, "raw")) ? [.. Directory.EnumerateFiles(Path.Combine(store, "raw"), "*", SearchOption.AllDirectories)] : [];
}
