using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Fetch;
using QaIngest.Parse;
using QaIngest.Pipeline;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Pipeline;

/// <summary>Pipelines against the loopback stand-in of the parliament's site: faults, kills, locks, reprocessing.</summary>
public sealed class StandInPipelineTests : IAsyncLifetime
{
    private const int Documents = 500;
    private readonly string root = Directory.CreateTempSubdirectory("qaingest-standin-pipeline-").FullName;
    private StandInSite site = null!;

    public async Task InitializeAsync() =>
        site = await StandInSite.StartAsync(new StandInOptions
        {
            Synthetic = Documents,
            FaultRate = 0.2,
            Seed = 7,
            SlowDelay = TimeSpan.FromSeconds(2),
            CorpusDirectory = Repo.File_("corpus"),
            SeedsDirectory = Repo.File_("seeds"),
        });

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Run_KilledAtTwentyRandomMoments_EndsEqualToAnUninterruptedRun()
    {
        var pipeline = WritePipeline();
        var reference = Path.Combine(root, "reference");
        var interrupted = Path.Combine(root, "interrupted");
        await RunToCompletionAsync(pipeline, reference);

        var random = new Random(20261122);
        var killed = 0;
        var searched = 0;
        for (var i = 0; i < 20; i++)
        {
            using var process = StartRun(pipeline, interrupted);

            // A second process searches while the run writes: it sees the last commit, or no index yet.
            var search = Task.Run(() => QaIngest.Tests.Cli.Cli.Run("search", "RIZIV", "--data", interrupted, "--format", "json"));
            if (!process.WaitForExit(random.Next(100, 2500)))
            {
                process.Kill(entireProcessTree: true);
                killed++;
            }

            process.WaitForExit();
            var outcome = await search;
            Assert.True(outcome.ExitCode is 0 or 2, outcome.StdErr);
            Assert.True(
                outcome.ExitCode == 0 || new[] { "does not exist", "no index in", "no search index in" }.Any(m => outcome.StdErr.Contains(m, StringComparison.Ordinal)),
                outcome.StdErr);
            searched += outcome.ExitCode == 0 ? 1 : 0;
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var outcome = QaIngest.Tests.Cli.Cli.Run("run", pipeline, "--data", interrupted, "--quiet", "--format", "json");
            if (outcome.ExitCode == 0)
            {
                break;
            }

            Assert.True(outcome.ExitCode == 1, outcome.StdErr);
        }

        var after = QaIngest.Tests.Cli.Cli.Run("run", pipeline, "--data", interrupted, "--quiet", "--format", "json");
        Assert.True(killed >= 10, $"only {killed} of 20 runs were still running when killed");
        Assert.True(searched > 0, "no search found an index while the runs wrote");
        Assert.Equal(Documents, JsonDocument.Parse(after.StdOut).RootElement.GetProperty("documents").GetProperty("unchanged").GetInt32());
        var expected = Dump(reference);
        var actual = Dump(interrupted);
        Assert.Equal(expected.Terms, actual.Terms);
        Assert.Equal(Documents, expected.Documents.Count);
        Assert.Equal(expected.Documents, actual.Documents);
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.Figures, actual.Figures);
        Assert.Equal(actual.Items.Count, actual.LuceneItems);
    }

    [Fact]
    public async Task Run_ParserVersionBumped_ReprocessesFromTheRawStoreWithoutHttp()
    {
        var pipeline = WritePipeline();
        var data = Path.Combine(root, "bump");
        await RunToCompletionAsync(pipeline, data);
        site.Log.Clear();

        var bumped = StageVersions.Current.With(PipelineStage.Parse, QuestionParser.StageVersion + 1);
        var report = await Runner(pipeline, data, bumped).RunAsync();
        var again = await Runner(pipeline, data, bumped).RunAsync();

        Assert.Equal(Documents, report.Documents.Reprocessed);
        Assert.Equal(Documents, again.Documents.Unchanged);
        Assert.Empty(site.Log.Entries);
        Assert.Equal(Documents, report.Index!.Documents);
    }

    [Fact]
    public void Run_SecondRunWhileTheFirstHoldsTheLock_ExitsWithCode3()
    {
        var pipeline = WritePipeline();
        var data = Path.Combine(root, "locked");
        using var held = DataDirectory.Open(data);

        var outcome = QaIngest.Tests.Cli.Cli.Run("run", pipeline, "--data", data, "--quiet");

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains($"another run is in progress (pid {Environment.ProcessId}, since ", outcome.StdErr);
        Assert.Single(outcome.StdErr.Trim().Split('\n'));
        Assert.Empty(site.Log.Entries);
    }

    [Fact]
    public async Task Run_DiscoverDateRange_FetchesAndIndexesWhatThePagesList()
    {
        var pipeline = WriteDiscoverPipeline(new { from = "2024-01-01", to = "2024-01-03" });
        var data = Path.Combine(root, "discover");

        await RunToCompletionAsync(pipeline, data);
        site.Log.Clear();
        var again = await Runner(pipeline, data).RunAsync();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "qaingest.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT date FROM documents";
        using var reader = command.ExecuteReader();
        var dates = new List<string>();
        while (reader.Read())
        {
            dates.Add(reader.GetString(0));
        }

        Assert.True(dates.Count >= 9, $"{dates.Count} documents");
        Assert.All(dates, d => Assert.InRange(d, "2024-01-01", "2024-01-03"));
        Assert.Equal(dates.Count, again.Documents.Unchanged);
        Assert.Equal(dates.Count, again.Fetch!.NotAsked);
        Assert.All(site.Log.Entries, e => Assert.Contains("/api/search/", e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_DiscoverSinceLastRun_AsksFromWhereTheLastRunGot()
    {
        var pipeline = WriteDiscoverPipeline(new { sinceLastRun = true, firstRunDays = 1 });
        var data = Path.Combine(root, "since");

        var first = await RunUntilDoneAsync(pipeline, data, new DateTimeOffset(2024, 1, 2, 12, 0, 0, TimeSpan.Zero));
        var second = await RunUntilDoneAsync(pipeline, data, new DateTimeOffset(2024, 1, 3, 12, 0, 0, TimeSpan.Zero));

        Assert.True(first.Documents.New >= 6, $"{first.Documents.New} new on the first run");
        Assert.True(second.Documents.New >= 3, $"{second.Documents.New} new on the second run");
        Assert.Equal(first.Index!.Documents, second.Documents.Unchanged);
        Assert.Contains(first.Notes, n => n.Contains("2024-01-01..2024-01-02", StringComparison.Ordinal));
        Assert.Contains(second.Notes, n => n.Contains("2024-01-01..2024-01-03", StringComparison.Ordinal));
    }

    private async Task<RunReport> RunUntilDoneAsync(string pipeline, string data, DateTimeOffset now)
    {
        var definition = PipelineDefinitionReader.ReadFile(pipeline).Definition!;
        RunReport report = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            report = await new PipelineRunner(definition, new PipelineRunOptions { Data = data, Time = new FixedClock(now) }).RunAsync();
            if (report.ExitCode == 0)
            {
                return report;
            }
        }

        Assert.Fail("five runs did not get every document through");
        return report;
    }

    [Fact]
    public async Task Run_FetchOnly_StoresOnceThenAsksNothing()
    {
        var ids = Enumerable.Range(900_001, 20).ToArray();
        var path = Path.Combine(root, "fetch-only.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            name = "fetch-only",
            source = new { linkIds = ids, baseUrl = site.BaseUrl.AbsoluteUri },
            stages = new[] { "fetch" },
            politeness = new { enabled = false, documentsInFlight = 8 },
            resilience = new { attemptTimeoutSeconds = 1, retryBaseDelaySeconds = 0.05, maxRetryAfterSeconds = 1 },
        }));
        var data = Path.Combine(root, "fetch-only");
        await RunToCompletionAsync(path, data);
        site.Log.Clear();

        var again = await Runner(path, data).RunAsync();

        Assert.Equal(new DocumentCounts(0, 0, ids.Length, 0, 0), again.Documents);
        Assert.Empty(site.Log.Entries);
        Assert.Null(again.Index);
    }

    private string WriteDiscoverPipeline(object discover)
    {
        var path = Path.Combine(root, $"discover-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            name = "discover",
            source = new { discover, baseUrl = site.BaseUrl.AbsoluteUri },
            stages = new[] { "fetch", "extract", "parse", "figures", "index" },
            politeness = new { enabled = false, documentsInFlight = 16 },
            resilience = new { attemptTimeoutSeconds = 1, retryBaseDelaySeconds = 0.05, maxRetryAfterSeconds = 1 },
        }));
        return path;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private string WritePipeline()
    {
        var ids = Path.Combine(root, "ids.txt");
        File.WriteAllLines(ids, Enumerable.Range(900_001, Documents).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var path = Path.Combine(root, "standin.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            name = "standin",
            source = new { linkIds = ids, baseUrl = site.BaseUrl.AbsoluteUri },
            stages = new[] { "fetch", "extract", "parse", "figures", "index" },
            politeness = new { enabled = false, documentsInFlight = 16 },
            resilience = new { attemptTimeoutSeconds = 1, retryBaseDelaySeconds = 0.05, maxRetryAfterSeconds = 1 },

            // Twenty kill -9 at random moments can hit the same document twice while it is read alone,
            // which quarantines it like a file that kills the process (Hostile/CrashOnlyTests); here the
            // point is that killed runs lose and duplicate nothing, so quarantine waits for far more deaths.
            quarantineAfterDeaths = 1000,
        }));
        return path;
    }

    private static PipelineRunner Runner(string pipeline, string data, StageVersions? versions = null) =>
        new(PipelineDefinitionReader.ReadFile(pipeline).Definition!, new PipelineRunOptions { Data = data, Versions = versions });

    // Transient failures are retried by the next run: run until one ends with nothing failed.
    private static async Task RunToCompletionAsync(string pipeline, string data)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if ((await Runner(pipeline, data).RunAsync()).ExitCode == 0)
            {
                return;
            }
        }

        Assert.Fail("five runs did not get every document through");
    }

    private static Process StartRun(string pipeline, string data)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var arg in new[] { QaIngest.Tests.Cli.Cli.DllPath, "run", pipeline, "--data", data, "--quiet", "--format", "json" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private sealed record Snapshot(List<string> Documents, List<string> Items, List<string> Figures, List<string> Terms, long LuceneItems);

    // The index's content without ids and times, which differ between runs by design.
    private static Snapshot Dump(string data)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "qaingest.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        List<string> Rows(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            return rows;
        }

        using var index = QaIngest.Index.SearchIndex.Open(data, create: false);
        var (terms, items) = index.IndexedTerms();
        return new Snapshot(
            Rows("SELECT key, source, content_hash, number, date, asker, minister, title FROM documents ORDER BY key"),
            Rows("SELECT d.key, i.section, i.number, i.text, i.max_amount FROM items i JOIN documents d ON d.id = i.document_id ORDER BY d.key, i.id"),
            Rows("SELECT d.key, f.kind, f.value, f.text, f.section, f.number, f.part FROM figures f JOIN documents d ON d.id = f.document_id ORDER BY d.key, f.id"),
            terms,
            items);
    }
}
