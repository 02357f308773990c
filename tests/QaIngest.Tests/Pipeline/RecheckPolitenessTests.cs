using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Pipeline;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Pipeline;

/// <summary>Re-checks against the stand-in in real time: they go through the run's one politeness limiter, and a run asks at most the policy's bound.</summary>
public sealed class RecheckPolitenessTests : IAsyncLifetime
{
    private const double RequestsPerSecond = 10;
    private readonly string root = Directory.CreateTempSubdirectory("qaingest-recheck-polite-").FullName;
    private StandInSite site = null!;

    public async Task InitializeAsync() =>
        site = await StandInSite.StartAsync(new StandInOptions { Synthetic = 36, SeedsDirectory = Repo.File_("seeds") });

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Run_DueRechecksAndNewDocuments_ShareTheRateLimitAndTheBound()
    {
        // Synthetic question k is dated (and Last-Modified) 2024-01-01 + (k - 1) / 3 days: 1-24 span 1 to 8 January.
        var data = Path.Combine(root, "data");
        var first = new DateTimeOffset(2024, 1, 8, 22, 0, 0, TimeSpan.Zero);
        var firstReport = await RunAsync(Pipeline(Enumerable.Range(900_001, 24), maxPerRun: 15), data, first);
        Assert.Equal(24, firstReport.Documents.New);

        // A week later: a step of 1 or 7 days after their last change fell in the week for those of 2 to 8 January (21);
        // those of 1 January had their 7th day on the 8th and wait for the 31st. 15 are asked (the bound), 6 wait for the next run,
        // and 12 new documents are fetched in the same run, through the same limiter.
        site.Log.Clear();
        var week = await RunAsync(Pipeline(Enumerable.Range(900_001, 36), maxPerRun: 15), data, first.AddDays(7));

        Assert.Equal(0, week.ExitCode);
        Assert.Equal(new RecheckCounts(15, 0, 6, 3, 0), week.Recheck! with { Policy = null });
        Assert.Equal(12, week.Documents.New);
        var entries = site.Log.Entries;
        var shown = string.Join("\n", entries);
        // Their annexes (every tenth question has one) are asked again with them, conditionally too.
        Assert.Equal(15, entries.Count(e => e.Path == "/pfile" && e.Status == 304 && Id(e) < 950_000));
        Assert.True(site.Log.MaxInWindow(TimeSpan.FromMilliseconds(900)) <= RequestsPerSecond, shown);
        var span = entries[^1].Time - entries[0].Time;
        Assert.True(span.TotalSeconds >= (entries.Length - RequestsPerSecond) / RequestsPerSecond, $"{entries.Length} requests at {RequestsPerSecond}/s took {span}");

        // Later the same day: the 6 left over are asked; the rest are not due.
        site.Log.Clear();
        var rest = await RunAsync(Pipeline(Enumerable.Range(900_001, 36), maxPerRun: 15), data, first.AddDays(7).AddHours(1));
        Assert.Equal(6, rest.Recheck!.Asked);
        Assert.Equal(0, rest.Recheck.Deferred);
        Assert.Equal(6, site.Log.Entries.Count(e => e.Path == "/pfile" && Id(e) < 950_000));
    }

    private static int Id(RequestLogEntry entry) => int.Parse(entry.Query.Split('=')[1], CultureInfo.InvariantCulture);

    private PipelineDefinition Pipeline(IEnumerable<int> ids, int maxPerRun)
    {
        var json = JsonSerializer.Serialize(new
        {
            name = "polite",
            source = new { linkIds = ids, baseUrl = site.BaseUrl.AbsoluteUri },
            stages = new[] { "fetch", "extract", "parse", "figures", "index" },
            politeness = new { requestsPerSecond = RequestsPerSecond, maxInFlightPerHost = 4, documentsInFlight = 8 },
            resilience = new { attemptTimeoutSeconds = 5 },
            recheck = new { maxPerRun },
        });
        var (definition, errors) = PipelineDefinitionReader.Read(json);
        Assert.Empty(errors);
        return definition!;
    }

    private static Task<RunReport> RunAsync(PipelineDefinition pipeline, string data, DateTimeOffset now) =>
        new PipelineRunner(pipeline, new PipelineRunOptions { Data = data, Time = new FixedClock(now) }).RunAsync();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
