using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Index;
using QaIngest.Pipeline;
using QaIngest.Search;
using QaIngest.SiteStandIn;
using QaIngest.Tests.Support;

namespace QaIngest.Tests.Pipeline;

/// <summary>
/// A nightly discover pipeline walked day by day, on a fake clock, through the stand-in's timeline
/// (corpus/timeline): a question published without an answer, answered later, supplemented later
/// still, and another file corrected in place. After every run the test checks which files the run
/// asked for, what it reported changed, what the index finds and which alerts it added, against
/// Fixtures/recheck-timeline.json.
/// </summary>
public sealed class RecheckTimelineTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("qaingest-recheck-").FullName;
    private readonly JsonElement expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pipeline", "Fixtures", "recheck-timeline.json"))).RootElement;
    private FakeTimeProvider clock = null!;
    private StandInSite site = null!;

    public async Task InitializeAsync()
    {
        var first = Day(expected.GetProperty("first").GetString()!);
        clock = new FakeTimeProvider(At(first));
        site = await StandInSite.StartAsync(new StandInOptions { TimelineDirectory = Repo.File_("corpus", "timeline"), Time = clock });
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Run_EveryNightThroughTheTimeline_AsksWhatThePolicySaysAndIndexesEachChangeOnce()
    {
        var pipeline = Pipeline();
        var data = Path.Combine(root, "data");
        var asked = Expand(expected.GetProperty("asked"));
        var searches = expected.GetProperty("searches").EnumerateArray().ToList();
        var saved = expected.GetProperty("savedSearches").EnumerateObject().ToList();
        var documents = expected.GetProperty("documents").EnumerateObject().SelectMany(p => Days(p.Name).Select(d => (Day: d, Count: p.Value.GetInt32()))).ToDictionary(x => x.Day, x => x.Count);
        var changesByDay = expected.GetProperty("changes").EnumerateObject().ToDictionary(
            p => Day(p.Name),
            p => p.Value.EnumerateObject().ToDictionary(c => c.Name, c => string.Join(",", c.Value.EnumerateArray().Select(v => v.GetString()))));

        for (var day = Day(expected.GetProperty("first").GetString()!); day <= Day(expected.GetProperty("last").GetString()!); day = day.AddDays(1))
        {
            clock.Advance(At(day) - clock.GetUtcNow());
            site.Log.Clear();
            var report = await new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = root, Data = data, Time = clock }).RunAsync();
            var when = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            Assert.True(report.ExitCode == 0, $"{when}: exit {report.ExitCode}: {string.Join("; ", report.Failed.Select(f => f.Reason))} {report.DiscoveryError}");

            // Asked: the files requested this night, each at most once.
            var files = site.Log.Entries.Where(e => e.Path == "/pfile").Select(e => int.Parse(e.Query.Split('=')[1], CultureInfo.InvariantCulture)).Order().ToList();
            var expectedFiles = asked.Where(a => a.Value.Contains(day)).Select(a => a.Key).Order().ToList();
            Assert.True(expectedFiles.SequenceEqual(files), $"{when}: asked for {string.Join(", ", files)}, expected {string.Join(", ", expectedFiles)}");

            // Changed: what the report says changed, and nothing else.
            var changes = report.Changes.ToDictionary(c => c.Key, c => string.Join(",", c.What));
            var expectedChanges = changesByDay.GetValueOrDefault(day) ?? [];
            Assert.True(expectedChanges.OrderBy(c => c.Key).SequenceEqual(changes.OrderBy(c => c.Key)),
                $"{when}: changes {JsonSerializer.Serialize(changes)}, expected {JsonSerializer.Serialize(expectedChanges)}");
            Assert.Equal(expectedChanges.Count, report.Documents.Changed);

            using var index = SearchIndex.Open(data, create: false);
            Assert.Equal(documents[day], index.Counts().Documents);
            foreach (var search in searches)
            {
                var query = search.GetProperty("query").GetString()!;
                var (results, error) = index.Search(new SearchRequest(query) { Limit = 100 });
                Assert.True(error is null, error);
                var hits = results!.Hits.Where(h => !h.ViaCompound).ToList();
                var found = Days(search.GetProperty("days").GetString()!).Contains(day);
                var number = search.GetProperty("number").GetInt32();
                Assert.True(found == hits.Any(h => h.DocumentNumber == number), $"{when}: '{query}' {(found ? "does not find" : "finds")} question {number}");
                Assert.All(hits, h => Assert.Equal(number, h.DocumentNumber));
                if (search.TryGetProperty("section", out var section) && found)
                {
                    Assert.All(hits, h => Assert.Equal(section.GetString(), h.Section));
                }

                // Nothing duplicated: one hit per item.
                Assert.Equal(hits.Count, hits.Select(h => (h.Source, h.Section, h.Number)).Distinct().Count());
            }
        }

        // Each change alerted once: every saved search's entries were all made on the expected nights.
        using var state = new PipelineState(Path.Combine(data, SearchIndex.FileName));
        foreach (var search in saved)
        {
            var alerts = state.Alerts(search.Name);
            var days = alerts.Select(a => DateOnly.FromDateTime(a.CreatedAt.UtcDateTime)).Distinct().Order().ToList();
            var expectedDays = search.Value.GetProperty("days").EnumerateArray().Select(d => Day(d.GetString()!)).ToList();
            Assert.True(expectedDays.SequenceEqual(days), $"{search.Name}: alerts on {string.Join(", ", days)}, expected {string.Join(", ", expectedDays)}: {string.Join("\n", alerts.Select(a => a.Json))}");
            if (search.Name is "rimpelrock" or "superlive" or "vaccinatie")
            {
                // The one answer that carries the word, once.
                Assert.Single(alerts);
            }

            // After the first night only answers (new or changed) alert: the unchanged question items never again.
            Assert.All(alerts.Where(a => DateOnly.FromDateTime(a.CreatedAt.UtcDateTime) > expectedDays[0]),
                a => Assert.StartsWith("answer", JsonDocument.Parse(a.Json).RootElement.GetProperty("section").GetString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Status_AfterTheAnswer_ShowsThePolicyAndEachDocumentsNextCheck()
    {
        var pipeline = Pipeline();
        var data = Path.Combine(root, "status");
        foreach (var day in new[] { new DateOnly(2021, 9, 1), new DateOnly(2021, 9, 3), new DateOnly(2021, 9, 28) })
        {
            clock.Advance(At(day) - clock.GetUtcNow());
            Assert.Equal(0, (await new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = root, Data = data, Time = clock }).RunAsync()).ExitCode);
        }

        var outcome = QaIngest.Tests.Cli.Cli.Run("status", "--data", data, "--format", "json");
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        var status = JsonDocument.Parse(outcome.StdOut).RootElement;
        var recheck = status.GetProperty("recheck");
        Assert.Equal("timeline", recheck.GetProperty("pipeline").GetString());
        Assert.Equal([1, 7, 30], recheck.GetProperty("policy").GetProperty("afterChangeDays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.True(recheck.GetProperty("documents").GetArrayLength() == 2, outcome.StdOut);
        var byKey = recheck.GetProperty("documents").EnumerateArray().ToDictionary(d => d.GetProperty("key").GetString()!);

        // Answered on the 28th: next asked a day later. Still unanswered: asked on every run.
        Assert.True(byKey["link:1749866"].GetProperty("answered").GetBoolean());
        Assert.Equal("2021-09-29", byKey["link:1749866"].GetProperty("nextCheck").GetString());
        Assert.Equal("answer-added", byKey["link:1749866"].GetProperty("lastChanges").GetString());
        Assert.False(byKey["link:1751367"].GetProperty("answered").GetBoolean());
        Assert.Equal("every run", byKey["link:1751367"].GetProperty("nextCheck").GetString());

        var text = QaIngest.Tests.Cli.Cli.Run("status", "--data", data);
        Assert.Contains("re-check (timeline): unanswered: every run for 365 days after first seen; answered: 1, 7, 30 days after the last change", text.StdOut);
        Assert.Contains("1 without an answer (asked every run), 1 answered and watched (asked on their day), 0 settled", text.StdOut);
        Assert.Contains("link:1751367: next check every run; no answer yet; last asked 2021-09-28 22:00Z", text.StdOut);
        Assert.Contains("link:1749866: next check 2021-09-29; answered, last change 2021-09-28 (answer-added); last asked 2021-09-28 22:00Z", text.StdOut);
    }

    [Fact]
    public async Task Run_DocumentsFetchedBeforeRechecksExisted_LearnTheirAnswerStateFromTheRawStoreOnce()
    {
        var pipeline = Pipeline();
        var data = Path.Combine(root, "legacy");
        foreach (var day in new[] { new DateOnly(2021, 9, 1), new DateOnly(2021, 9, 3), new DateOnly(2021, 9, 28) })
        {
            clock.Advance(At(day) - clock.GetUtcNow());
            Assert.Equal(0, (await new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = root, Data = data, Time = clock }).RunAsync()).ExitCode);
        }

        // What a data directory of an earlier version looks like: fetched and indexed, no re-check facts.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, SearchIndex.FileName)};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM pipeline_recheck";
            Assert.Equal(2, delete.ExecuteNonQuery());
        }

        site.Log.Clear();
        var upgrade = await new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = root, Data = data, Time = clock }).RunAsync();

        // Neither is listed by today's discovery (they were published on 1 and 3 September); both are parsed again, nothing is asked.
        Assert.Equal(0, upgrade.ExitCode);
        Assert.Equal(2, upgrade.Documents.Reprocessed);
        Assert.DoesNotContain(site.Log.Entries, e => e.Path is "/pfile" or "/link");
        using var state = new PipelineState(Path.Combine(data, SearchIndex.FileName));
        var facts = state.RecheckFacts();
        Assert.True(facts["link:1749866"].Answered);
        Assert.False(facts["link:1751367"].Answered);

        // The next night the policy applies: the unanswered one is asked, the answered one on its day.
        clock.Advance(TimeSpan.FromDays(1));
        site.Log.Clear();
        var next = await new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = root, Data = data, Time = clock }).RunAsync();
        Assert.Equal(0, next.Documents.Reprocessed);
        Assert.Contains(site.Log.Entries, e => e.Path == "/pfile" && e.Query == "?id=1751367");
    }

    private PipelineDefinition Pipeline()
    {
        var json = JsonSerializer.Serialize(new
        {
            name = "timeline",
            source = new { discover = new { sinceLastRun = true, firstRunDays = 1 }, baseUrl = site.BaseUrl.AbsoluteUri },
            stages = new[] { "fetch", "extract", "parse", "figures", "index" },
            politeness = new { enabled = false },
            resilience = new { attemptTimeoutSeconds = 5, retryBaseDelaySeconds = 0.05, maxRetryAfterSeconds = 1 },
            savedSearches = expected.GetProperty("savedSearches").EnumerateObject().Select(s => new { name = s.Name, query = s.Value.GetProperty("query").GetString() }),
        });
        var (definition, errors) = PipelineDefinitionReader.Read(json);
        Assert.Empty(errors);
        return definition!;
    }

    private DateTimeOffset At(DateOnly day) =>
        new(day.ToDateTime(TimeOnly.ParseExact(expected.GetProperty("timeOfDay").GetString()!, "HH:mm", CultureInfo.InvariantCulture)), TimeSpan.Zero);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // "a..b" is every day from a to b; a single date is that day.
    private static IEnumerable<DateOnly> Days(string text)
    {
        var parts = text.Split("..");
        var from = Day(parts[0]);
        var to = parts.Length > 1 ? Day(parts[1]) : from;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static Dictionary<int, HashSet<DateOnly>> Expand(JsonElement asked) =>
        asked.EnumerateObject().ToDictionary(
            p => int.Parse(p.Name, CultureInfo.InvariantCulture),
            p => p.Value.EnumerateArray().SelectMany(d => Days(d.GetString()!)).ToHashSet());
}
