using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Extract;
using QaIngest.Fetch;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// A hostile or broken site: redirects to another port or host, 404, 410, a redirect loop, an
/// oversize body, a lying content type. Each is a permanent failure with its reason: the first run
/// exits 1 and lists it, the next exits 0 with it as a known failure and asks the site nothing about
/// it; <c>retry-failed</c> brings it back. A site that keeps failing transiently is asked again.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileFetchTests : IAsyncLifetime
{
    private static readonly Dictionary<int, string> Permanent = new()
    {
        [990404] = "HTTP 404 from /pfile?id=990404",
        [990410] = "HTTP 410 from /pfile?id=990410",
        [990301] = "redirect loop: /link?id=990301 -> /pfile?id=990301 -> /link?id=990301",
        [990302] = "redirect refused: to https://elders.example.org:443, not an allowed origin",
        [990303] = "redirect refused: to http://127.0.0.1:",
        [990413] = "body too large: more than 52,428,800 bytes",
        [990415] = "wrong content type: declared application/pdf, content is",
    };

    private readonly string work = Directory.CreateTempSubdirectory("qaingest-hostile-fetch-").FullName;
    private StandInSite site = null!;

    public async Task InitializeAsync() =>
        site = await StandInSite.StartAsync(new StandInOptions { CorpusDirectory = Repo.File_("corpus"), SeedsDirectory = Repo.File_("seeds"), Synthetic = 3 });

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public void Run_PermanentFetchFailures_FirstRunListsThemSecondRunExitsZeroWithoutAskingAgain()
    {
        var pipeline = WritePipeline([900001, 900002, .. Permanent.Keys]);
        var budget = new Budget();

        var first = Cli.Cli.RunIn(work, "run", pipeline, "--quiet", "--format", "json");

        budget.AssertWithin(TimeSpan.FromSeconds(60));
        Assert.Equal(1, first.ExitCode);
        var failed = Failures(first.StdOut);
        Assert.Equal(Permanent.Keys.Order(), failed.Keys.Order());
        foreach (var (id, reason) in Permanent)
        {
            Assert.StartsWith(reason, failed[id].Reason, StringComparison.Ordinal);
            Assert.False(failed[id].Transient, $"{id}: {failed[id].Reason}");
        }

        // The redirect to another port of the same host was refused, not followed: the stand-in only saw the permalink.
        Assert.Contains($"http://127.0.0.1:{site.BaseUrl.Port % 65535 + 1}", failed[990303].Reason, StringComparison.Ordinal);
        site.Log.Clear();

        var second = Cli.Cli.RunIn(work, "run", pipeline, "--quiet", "--format", "json");

        Assert.Equal(0, second.ExitCode);
        using var report = JsonDocument.Parse(second.StdOut);
        Assert.Equal(Permanent.Count, report.RootElement.GetProperty("knownFailures").GetInt32());
        Assert.Empty(Failures(second.StdOut));
        Assert.Empty(site.Log.Entries);
        Assert.Equal(2, report.RootElement.GetProperty("index").GetProperty("documents").GetInt32());

        // retry-failed puts them back: the next run asks the site again and they fail again, for the same reasons.
        Assert.Equal(0, Cli.Cli.RunIn(work, "retry-failed", "--data", DataOf(pipeline)).ExitCode);
        var third = Cli.Cli.RunIn(work, "run", pipeline, "--quiet", "--format", "json");
        Assert.Equal(1, third.ExitCode);
        Assert.Equal(Permanent.Keys.Order(), Failures(third.StdOut).Keys.Order());
        Assert.Contains(site.Log.Entries, e => e.Query == "?id=990404");
    }

    [Fact]
    public async Task Run_SiteThatAlwaysFailsTransiently_IsAskedAgainByTheNextRun()
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
        var pipeline = WritePipeline([900001], failing.BaseUrl, maxRetryAttempts: 1);

        var first = Cli.Cli.RunIn(work, "run", pipeline, "--quiet", "--format", "json");
        var asked = failing.Log.Entries.Length;
        var second = Cli.Cli.RunIn(work, "run", pipeline, "--quiet", "--format", "json");

        Assert.Equal(1, first.ExitCode);
        Assert.True(Failures(first.StdOut)[900001].Transient, first.StdOut);
        Assert.Equal(1, second.ExitCode);
        Assert.True(Failures(second.StdOut)[900001].Transient, second.StdOut);
        Assert.True(failing.Log.Entries.Length > asked, "the second run did not ask again");
    }

    [Fact]
    public async Task FindAsync_ExtractorStuck_NoAnnexLinksAndNoCrash()
    {
        using var gate = new ManualResetEventSlim(false);
        var extractor = new TextExtractor(
            ExtractionLimits.Default with { Timeout = TimeSpan.FromMilliseconds(200), MaxAbandoned = 1 },
            new PdfTextExtractorOptions { PdfToTextPath = null, BeforePage = _ => gate.Wait(TimeSpan.FromSeconds(60)) });
        var finder = new ExtractingAnnexLinkFinder(extractor);
        var pdf = new FetchedDocument(new Uri("http://127.0.0.1/pfile?id=1"), FileFormat.Pdf, QaIngest.Tests.Extract.MinimalPdf.WithText(1, 3));
        try
        {
            Assert.Empty(await finder.FindAsync(pdf, CancellationToken.None));

            // The watchdog now refuses work (one reading abandoned, at most one): still no crash, no links.
            Assert.Empty(await finder.FindAsync(pdf, CancellationToken.None));
            await Assert.ThrowsAsync<ExtractionStuckException>(() => extractor.ExtractAsync(pdf.Body.ToArray()));
        }
        finally
        {
            gate.Set();
        }

        await Budget.WaitUntil(() => extractor.Abandoned == 0);
    }

    private string WritePipeline(int[] ids, Uri? baseUrl = null, int maxRetryAttempts = 2)
    {
        var name = $"p{Guid.NewGuid():N}";
        File.WriteAllText(Path.Combine(work, name + ".json"), JsonSerializer.Serialize(new
        {
            name,
            source = new { linkIds = ids, baseUrl = (baseUrl ?? site.BaseUrl).AbsoluteUri },
            stages = new[] { "fetch", "extract", "parse", "figures", "index" },
            data = DataOf(name + ".json"),
            politeness = new { enabled = false },
            resilience = new { attemptTimeoutSeconds = 1, retryBaseDelaySeconds = 0.05, maxRetryAfterSeconds = 1, maxRetryAttempts },
        }));
        return name + ".json";
    }

    private static string DataOf(string pipeline) => "data-" + Path.GetFileNameWithoutExtension(pipeline);

    private static Dictionary<int, (string Reason, bool Transient)> Failures(string json)
    {
        using var report = JsonDocument.Parse(json);
        return report.RootElement.GetProperty("failed").EnumerateArray().ToDictionary(
            f => int.Parse(f.GetProperty("key").GetString()!.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture),
            f => (f.GetProperty("reason").GetString()!, f.GetProperty("transient").GetBoolean()));
    }
}
