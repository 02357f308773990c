using System.Text.Json;
using QaIngest.Fetch;
using QaIngest.Index;
using QaIngest.Parse;
using QaIngest.Pipeline;

namespace QaIngest.Tests.Pipeline;

public sealed class PipelineRunnerTests
{
    private static JsonElement Expected => JsonDocument.Parse(File.ReadAllText(Repo.Fixture("Pipeline", "Fixtures", "seeds-run.json"))).RootElement;

    [Fact]
    public async Task RunAsync_Seeds_IndexesEveryFileOnceThenDoesNothing()
    {
        using var workspace = new PipelineWorkspace(withRealTexts: true);
        var files = Directory.EnumerateFiles(Path.Combine(workspace.Root, "seeds")).Count() + Directory.EnumerateFiles(Path.Combine(workspace.Root, "corpus", "real"), "*.pdf").Count()
            + Directory.EnumerateFiles(Path.Combine(workspace.Root, PipelineWorkspace.RealTexts), "*.txt").Count();

        var first = await workspace.RunAsync(PipelineWorkspace.Seeds());
        var second = await workspace.RunAsync(PipelineWorkspace.Seeds());

        Assert.Equal(new DocumentCounts(files, 0, 0, 0, 0), first.Documents);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(files, first.Index!.Documents);
        Assert.True(first.Items > 0 && first.Figures > 0);
        Assert.Equal(new DocumentCounts(0, 0, files, 0, 0), second.Documents);
        Assert.Equal(0, second.Items);
        Assert.Equal(first.Index, second.Index);
        Assert.True(File.Exists(first.ReportFile) && File.Exists(second.ReportFile) && first.ReportFile != second.ReportFile);
        var stored = JsonDocument.Parse(File.ReadAllText(second.ReportFile!)).RootElement;
        Assert.Equal(files, stored.GetProperty("documents").GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task RunAsync_SavedSearch_AlertsOnTheFirstRunOnly()
    {
        using var workspace = new PipelineWorkspace();
        var search = Expected.GetProperty("savedSearch").GetString()!;
        var jsonl = Path.Combine(workspace.Data, "alerts", search + ".jsonl");

        var first = await workspace.RunAsync(PipelineWorkspace.Seeds());
        var afterFirst = File.ReadAllLines(jsonl);
        var second = await workspace.RunAsync(PipelineWorkspace.Seeds());

        Assert.True(first.Alerts[search] > 0);
        Assert.Equal(first.Alerts[search], afterFirst.Length);
        var entries = afterFirst.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(entries, e => e.GetProperty("documentKey").GetString() == Expected.GetProperty("alertedDocument").GetString()
            && e.GetProperty("documentNumber").GetInt32() == Expected.GetProperty("alertedDocumentNumber").GetInt32()
            && e.GetProperty("snippet").GetString()!.Contains("«RIZIV»", StringComparison.Ordinal));
        Assert.Equal(entries.Count, entries.Select(e => e.GetProperty("itemHash").GetString()).Distinct().Count());
        Assert.False(second.Alerts.ContainsKey(search));
        Assert.Equal(afterFirst, File.ReadAllLines(jsonl));
        var feed = System.Xml.Linq.XDocument.Load(Path.Combine(workspace.Data, "alerts", search + ".xml"));
        Assert.Equal(afterFirst.Length, feed.Root!.Elements(System.Xml.Linq.XName.Get("entry", "http://www.w3.org/2005/Atom")).Count());
    }

    [Fact]
    public async Task RunAsync_ChangedAndTouchedFiles_RedoesOnlyTheChangedOne()
    {
        using var workspace = new PipelineWorkspace();
        await workspace.RunAsync(PipelineWorkspace.Seeds());
        var seeds = Directory.EnumerateFiles(Path.Combine(workspace.Root, "seeds")).Order().ToList();
        File.AppendAllText(seeds[0], "\nEen extra zin over kinderopvang.\n");
        File.SetLastWriteTimeUtc(seeds[1], DateTime.UtcNow.AddMinutes(5));

        var report = await workspace.RunAsync(PipelineWorkspace.Seeds());
        var again = await workspace.RunAsync(PipelineWorkspace.Seeds());

        Assert.Equal(1, report.Documents.Changed);
        Assert.Equal(report.Documents.Total - 1, report.Documents.Unchanged);
        Assert.Equal(report.Index!.Documents, report.Documents.Total);
        Assert.Equal(again.Documents.Total, again.Documents.Unchanged);
        using (var state = new PipelineState(Path.Combine(workspace.Data, SearchIndex.FileName)))
        {
            // The touched file's new time is recorded, so the next run does not read it again.
            Assert.Equal(File.GetLastWriteTimeUtc(seeds[1]).Ticks, state.Sources()["seeds/" + Path.GetFileName(seeds[1])].ModifiedTicks);
        }

        using var index = SearchIndex.Open(workspace.Data, create: false);
        var (results, _) = index.Search(new QaIngest.Search.SearchRequest("kinderopvang"));
        Assert.Contains(results!.Hits, h => h.Source == "seeds/" + Path.GetFileName(seeds[0]));
    }

    [Fact]
    public async Task RunAsync_ParserVersionBumped_ReprocessesEveryDocument()
    {
        using var workspace = new PipelineWorkspace();
        var first = await workspace.RunAsync(PipelineWorkspace.Seeds());

        var bumped = StageVersions.Current.With(PipelineStage.Parse, QuestionParser.StageVersion + 1);
        var report = await workspace.RunAsync(PipelineWorkspace.Seeds(), bumped);
        var again = await workspace.RunAsync(PipelineWorkspace.Seeds(), bumped);

        Assert.Equal(first.Documents.New, report.Documents.Reprocessed);
        Assert.Equal(first.Index, report.Index);
        Assert.Equal(first.Items, report.Items);
        Assert.Equal(again.Documents.Total, again.Documents.Unchanged);
    }

    [Fact]
    public async Task RunAsync_BadFile_IsRecordedAndTheRestIndexed()
    {
        using var workspace = new PipelineWorkspace();
        File.WriteAllBytes(Path.Combine(workspace.Root, "seeds", "garbage.txt"), [0x00, 0xFF, 0x13, 0x37, 0x00, 0x01, 0x02, 0x03, 0xFE, 0x00]);
        File.WriteAllText(Path.Combine(workspace.Root, "corpus", "real", "truncated.pdf"), "%PDF-1.7\n1 0 obj\n<<");

        var first = await workspace.RunAsync(PipelineWorkspace.Seeds());
        var second = await workspace.RunAsync(PipelineWorkspace.Seeds());

        Assert.Equal(1, first.ExitCode);
        Assert.Equal(2, first.Documents.Failed);
        Assert.All(first.Failed, f => Assert.False(f.Transient));
        Assert.Contains(first.Failed, f => f.Key == "seeds/garbage.txt");
        Assert.Contains(first.Failed, f => f.Key == "corpus/real/truncated.pdf" && f.Stage == "extract");
        Assert.Equal(first.Documents.New, first.Index!.Documents);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(2, second.KnownFailures);

        using (var state = new PipelineState(Path.Combine(workspace.Data, SearchIndex.FileName)))
        {
            Assert.Equal(2, state.Failures().Length);
            Assert.Equal(2, state.RetryFailed());
        }

        var retried = await workspace.RunAsync(PipelineWorkspace.Seeds());
        Assert.Equal(2, retried.Documents.Failed);
        Assert.Equal(0, retried.KnownFailures);
    }

    [Fact]
    public async Task RunAsync_DataDirectoryHeld_ThrowsLockedWithTheHolder()
    {
        using var workspace = new PipelineWorkspace();
        using var held = DataDirectory.Open(workspace.Data);

        var e = await Assert.ThrowsAsync<DataDirectoryLockedException>(() => workspace.RunAsync(PipelineWorkspace.Seeds()));

        Assert.Contains($"another run is in progress (pid {Environment.ProcessId}, since ", e.Message);
    }

    [Fact]
    public async Task RunAsync_LockLeftByAKilledRun_IsTakenOver()
    {
        using var workspace = new PipelineWorkspace();
        Directory.CreateDirectory(workspace.Data);
        File.WriteAllText(Path.Combine(workspace.Data, DataDirectory.LockFileName), "");
        File.WriteAllText(Path.Combine(workspace.Data, DataDirectory.OwnerFileName), "999999 2026-01-02T03:04:05.0000000+00:00\n");

        var report = await workspace.RunAsync(PipelineWorkspace.Seeds());

        Assert.Equal(0, report.ExitCode);
        Assert.Equal(999999, report.StaleLockTakenOver!.Pid);
        Assert.False(File.Exists(Path.Combine(workspace.Data, DataDirectory.OwnerFileName)));
    }

    [Fact]
    public async Task RunAsync_IndexWriterFails_StopsWithAReasonInsteadOfHanging()
    {
        using var workspace = new PipelineWorkspace();
        Directory.CreateDirectory(workspace.Data);

        // Another writer holds the Lucene index's lock, so the run's writer cannot open at its first batch.
        var held = new Lucene.Net.Index.IndexWriter(
            Lucene.Net.Store.FSDirectory.Open(Path.Combine(workspace.Data, SearchIndex.LuceneFolder)),
            new Lucene.Net.Index.IndexWriterConfig(QaIngest.Search.ItemAnalyzer.Version, QaIngest.Search.ItemAnalyzer.Instance) { WriteLockTimeout = 0 });
        held.Commit();

        var e = await Assert.ThrowsAsync<PipelineFailedException>(() => workspace.RunAsync(PipelineWorkspace.Seeds()).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("the index writer stopped", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        held.Dispose();
        var after = await workspace.RunAsync(PipelineWorkspace.Seeds());
        Assert.Equal(0, after.ExitCode);
        Assert.Equal(after.Documents.Total, after.Index!.Documents);
    }

    [Fact]
    public async Task RunAsync_GlobMatchingNothing_IsANoteNotAFailure()
    {
        using var workspace = new PipelineWorkspace();
        var pipeline = PipelineWorkspace.Seeds() with { Source = new FilesSource(["seeds/*.txt", "nothing/*.pdf"]), SavedSearches = [] };

        var report = await workspace.RunAsync(pipeline);

        Assert.Equal(0, report.ExitCode);
        Assert.Contains(report.Notes, n => n.Contains("nothing/*.pdf", StringComparison.Ordinal));
    }
}
