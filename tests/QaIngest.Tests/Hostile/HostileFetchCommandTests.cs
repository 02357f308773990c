using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Fetch;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// <c>qaingest fetch</c> (the command, not a pipeline) against the stand-in's permanent faults: the
/// first fetch exits 1 with each reason; the next exits 0 with them as known failures and asks the
/// site nothing about them; <c>retry-failed</c> puts them back. A target that fails transiently is
/// asked again by every fetch.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileFetchCommandTests : IAsyncLifetime
{
    // Read from the stand-in's faults (StandInSite.cs): another port of its host, 410, 404.
    private static readonly Dictionary<int, string> Permanent = new()
    {
        [990303] = "redirect refused: to http://127.0.0.1:",
        [990410] = "HTTP 410 from /pfile?id=990410",
        [990404] = "HTTP 404 from /pfile?id=990404",
    };

    private readonly string work = Directory.CreateTempSubdirectory("qaingest-hostile-fetchcmd-").FullName;
    private StandInSite site = null!;

    public async Task InitializeAsync() =>
        site = await StandInSite.StartAsync(new StandInOptions { CorpusDirectory = Repo.File_("corpus"), SeedsDirectory = Repo.File_("seeds"), Synthetic = 2 });

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public void Fetch_PermanentFailures_SecondFetchExitsZeroWithoutAskingAgainUntilRetryFailed()
    {
        var data = Path.Combine(work, "data");
        string[] args = ["fetch", "--link-id", "900001", .. Permanent.Keys.SelectMany(id => new[] { "--link-id", id.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            "--base-url", site.BaseUrl.AbsoluteUri, "--data", data, "--no-politeness", "--attempt-timeout", "5", "--format", "json"];

        var first = Cli.Cli.Run(args);

        Assert.True(first.ExitCode == 1, first.StdErr + first.StdOut);
        var failed = Failures(first.StdOut, "failed");
        Assert.Equal(Permanent.Keys.Order(), failed.Keys.Order());
        foreach (var (id, reason) in Permanent)
        {
            Assert.StartsWith(reason, failed[id].Reason, StringComparison.Ordinal);
            Assert.False(failed[id].Transient, $"{id}: {failed[id].Reason}");
        }

        Assert.Contains($"http://127.0.0.1:{site.BaseUrl.Port % 65535 + 1}", failed[990303].Reason, StringComparison.Ordinal);
        Assert.Empty(Failures(first.StdOut, "knownFailures"));
        foreach (var id in Permanent.Keys)
        {
            Assert.Contains(site.Log.Entries, e => e.Query == $"?id={id}");
        }

        site.Log.Clear();

        var second = Cli.Cli.Run(args);

        Assert.True(second.ExitCode == 0, second.StdErr + second.StdOut);
        Assert.Empty(Failures(second.StdOut, "failed"));
        var known = Failures(second.StdOut, "knownFailures");
        Assert.Equal(Permanent.Keys.Order(), known.Keys.Order());
        foreach (var id in Permanent.Keys)
        {
            Assert.Equal(failed[id].Reason, known[id].Reason);
            Assert.DoesNotContain(site.Log.Entries, e => e.Query == $"?id={id}");
        }

        // Only the question that arrived was asked (conditionally: unchanged).
        using (var report = JsonDocument.Parse(second.StdOut))
        {
            Assert.Equal(1, report.RootElement.GetProperty("unchanged").GetInt32());
        }

        Assert.All(site.Log.Entries, e => Assert.Equal("?id=900001", e.Query));
        Assert.NotEmpty(site.Log.Entries);

        var text = Cli.Cli.Run([.. args.Where(a => a is not ("--format" or "json"))]);
        Assert.True(text.ExitCode == 0, text.StdErr + text.StdOut);
        Assert.Contains("known failure link:990410: HTTP 410 from /pfile?id=990410", text.StdOut, StringComparison.Ordinal);

        // retry-failed puts them back: the next fetch asks the site again, and they fail again for the same reasons.
        var retry = Cli.Cli.Run("retry-failed", "--data", data);
        Assert.True(retry.ExitCode == 0, retry.StdErr + retry.StdOut);
        Assert.Contains("3 known fetch failures put back", retry.StdOut, StringComparison.Ordinal);
        site.Log.Clear();

        var third = Cli.Cli.Run(args);

        Assert.True(third.ExitCode == 1, third.StdErr + third.StdOut);
        var again = Failures(third.StdOut, "failed");
        Assert.Equal(Permanent.Keys.Order(), again.Keys.Order());
        Assert.Empty(Failures(third.StdOut, "knownFailures"));
        foreach (var id in Permanent.Keys)
        {
            Assert.Equal(failed[id].Reason.Split(" (")[0], again[id].Reason.Split(" (")[0]);
            Assert.Contains(site.Log.Entries, e => e.Query == $"?id={id}");
        }

        // The manifest kept every row, each failure with whether it was transient.
        SqliteConnection.ClearAllPools();
        using var manifest = new FetchManifest(Path.Combine(data, "qaingest.db"));
        var rows = manifest.All().Where(r => r.Target == "link:990404").ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.False(r.Transient));
    }

    [Fact]
    public async Task Fetch_SiteThatAlwaysFailsTransiently_IsAskedAgainByEveryFetch()
    {
        await using var failing = await StandInSite.StartAsync(new StandInOptions
        {
            CorpusDirectory = Repo.File_("corpus"),
            SeedsDirectory = Repo.File_("seeds"),
            Synthetic = 1,
            FaultRate = 1,
            MaxConsecutiveFaults = int.MaxValue,
            SlowDelay = TimeSpan.FromSeconds(3),
            RetryAfterSeconds = 0,
        });
        var data = Path.Combine(work, "transient");
        string[] args = ["fetch", "--link-id", "900001", "--base-url", failing.BaseUrl.AbsoluteUri, "--data", data, "--no-politeness", "--attempt-timeout", "1", "--max-retries", "1", "--format", "json"];

        var first = Cli.Cli.Run(args);
        var asked = failing.Log.Entries.Length;
        var second = Cli.Cli.Run(args);

        Assert.True(first.ExitCode == 1, first.StdErr + first.StdOut);
        Assert.True(Failures(first.StdOut, "failed")[900001].Transient, first.StdOut);
        Assert.True(second.ExitCode == 1, second.StdErr + second.StdOut);
        Assert.True(Failures(second.StdOut, "failed")[900001].Transient, second.StdOut);
        Assert.Empty(Failures(second.StdOut, "knownFailures"));
        Assert.True(failing.Log.Entries.Length > asked, "the second fetch did not ask again");
    }

    private static Dictionary<int, (string Reason, bool Transient)> Failures(string json, string property)
    {
        using var report = JsonDocument.Parse(json);
        return report.RootElement.GetProperty(property).EnumerateArray().ToDictionary(
            f => f.GetProperty("linkId").GetInt32(),
            f => (f.GetProperty("reason").GetString()!, f.GetProperty("transient").GetBoolean()));
    }
}
