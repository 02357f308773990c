using QaIngest.Fetch;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Fetch;

public sealed class DocumentFetcherTests
{
    [Fact]
    public async Task FetchAllAsync_200SyntheticWithFaultRate30Percent_StoresEachOnceThenAllUnchangedWithoutBodies()
    {
        await using var fixture = await StandInFixture.StartAsync(new StandInOptions { Synthetic = 200, FaultRate = 0.3, Seed = 7, SlowDelay = TimeSpan.FromSeconds(5) });
        var data = fixture.NewDataFolder();
        var targets = Enumerable.Range(900_001, 200).Select(id => FetchTarget.Link(LinkId.Create(id))).ToList();

        FetchBatchReport first;
        using (var session = FetchSession.Open(data, fixture.Options()))
        {
            first = await session.Fetcher.FetchAllAsync(targets);
        }

        Assert.True(first.AllArrived, string.Join("\n", first.Failed.Concat(first.FailedAnnexes).Select(f => $"{f.Target}: {f.FailureReason}")));
        Assert.Equal(200, first.Fetched);
        Assert.Equal(20, first.Annexes.Length); // every tenth synthetic question has an annex
        Assert.True(fixture.Site.Log.Entries.Count(e => e.Fault != TransientFault.None) > 50, "the stand-in should have injected faults");
        var files = StandInFixture.RawFiles(data);
        Assert.Equal(220, files.Count);
        Assert.DoesNotContain(files, f => f.EndsWith(RawStore.TempSuffix, StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal(Path.GetFileNameWithoutExtension(file), RawStore.Sha256Hex(File.ReadAllBytes(file))); // whole, never cut short
        }

        fixture.Site.Log.Clear();
        FetchBatchReport second;
        using (var session = FetchSession.Open(data, fixture.Options()))
        {
            second = await session.Fetcher.FetchAllAsync(targets);
            Assert.Equal(200, session.Manifest.All().Count(r => r.Role == FetchRole.Document && r.Status == FetchStatus.Fetched));
        }

        Assert.Equal(200, second.Unchanged);
        Assert.Equal(20, second.Annexes.Count(a => a.Status == FetchStatus.Unchanged));
        Assert.True(second.AllArrived);
        var files2 = fixture.Site.Log.Entries.Where(e => e.Path == "/pfile").ToList();
        Assert.All(files2, e => Assert.Equal(0, e.BodyBytes)); // no body downloaded again
        Assert.All(files2.Where(e => e.Status == 304), e => Assert.True(e.Conditional));
        Assert.Equal(220, files2.Count(e => e.Status == 304));
        Assert.Equal(220, StandInFixture.RawFiles(data).Count);
    }

    [Fact]
    public async Task FetchAllAsync_PermanentFaults_EachRecordedWithReasonAndBatchGoesOn()
    {
        await using var fixture = await StandInFixture.StartAsync(new StandInOptions { Synthetic = 3, OversizeBytes = 3 * 1024 * 1024 });
        var data = fixture.NewDataFolder();
        using var session = FetchSession.Open(data, fixture.Options() with { MaxBodyBytes = 1024 * 1024 });

        var report = await session.Fetcher.FetchAllAsync(StandInFixture.Links(900001, 990404, 990301, 990302, 990415, 990413, 900002));

        var reasons = report.Documents.ToDictionary(d => d.LinkId!.Value.Value, d => d.FailureReason);
        Assert.Null(reasons[900001]);
        Assert.Null(reasons[900002]);
        Assert.StartsWith("HTTP 404", reasons[990404]);
        Assert.StartsWith("redirect loop: /link?id=990301 -> /pfile?id=990301 -> /link?id=990301", reasons[990301]);
        Assert.StartsWith("redirect refused: to https://elders.example.org:443, not an allowed origin", reasons[990302]);
        Assert.Equal("wrong content type: declared application/pdf, content is plain text", reasons[990415]);
        Assert.Equal("body too large: more than 1,048,576 bytes", reasons[990413]);
        Assert.Equal(2, StandInFixture.RawFiles(data).Count); // nothing of the failures reached the store
        var rows = session.Manifest.All().Where(r => r.Status == FetchStatus.Failed).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.FailureReason)));
        Assert.Equal(404, rows.Single(r => r.LinkId == LinkId.Create(990404)).HttpStatus);
    }

    [Fact]
    public async Task FetchAllAsync_LandingPageOpenDataAndTextAnnexes_RecordedAsAnnexesOfTheirQuestion()
    {
        await using var fixture = await StandInFixture.StartAsync(new StandInOptions { Synthetic = 10 });
        var data = fixture.NewDataFolder();
        using var session = FetchSession.Open(data, fixture.Options());

        var report = await session.Fetcher.FetchAllAsync(
            [FetchTarget.Link(LinkId.Create(1910693)), FetchTarget.OpenData(OpenDataId.Create(1790264)), FetchTarget.Link(LinkId.Create(900010))]);

        Assert.True(report.AllArrived);
        Assert.Equal([FileFormat.Pdf, FileFormat.Pdf, FileFormat.Text], report.Documents.Select(d => d.Format));
        Assert.EndsWith("/pfile?id=1910693", report.Documents[0].FinalUrl!.AbsoluteUri); // through the question's HTML page
        Assert.Equal([15149], session.Manifest.AnnexesOf("link:1910693").Select(a => a.LinkId.Value));
        Assert.Equal([18585], session.Manifest.AnnexesOf("opendata:1790264").Select(a => a.LinkId.Value));
        Assert.Equal([(950010, (string?)"Overzicht per maand")], session.Manifest.AnnexesOf("link:900010").Select(a => (a.LinkId.Value, a.Title)));
        var annexes = session.Manifest.All().Where(r => r.Role == FetchRole.Annex).ToList();
        Assert.Equal(3, annexes.Count);
        Assert.All(annexes, a => Assert.Equal(FileFormat.Xlsx, a.Format));
        Assert.Equal("link:900010", annexes.Single(a => a.LinkId == LinkId.Create(950010)).AnnexOf);
    }

    [Fact]
    public async Task FetchAllAsync_DefaultPoliteness_StandInLogNeverShowsMoreThanTheRate()
    {
        await using var fixture = await StandInFixture.StartAsync(new StandInOptions { Synthetic = 8 });
        var data = fixture.NewDataFolder();
        using var session = FetchSession.Open(data, fixture.Options(requestsPerSecond: 4) with { MaxInFlightPerHost = 4 });

        var report = await session.Fetcher.FetchAllAsync(StandInFixture.Links([.. Enumerable.Range(900001, 8)]));

        Assert.True(report.AllArrived);
        var log = fixture.Site.Log;
        Assert.Equal(16, log.Entries.Length); // a redirect and a file per document
        // 4 a second means at most 4 arrivals in any second; 100 ms is left for loopback and scheduling jitter.
        // The first request also opens the connection, so under load it is logged late (by 100-200 ms at
        // load 20, closer to the second): the rate is checked on the arrivals after it.
        var shown = string.Join("\n", log.Entries);
        var first = log.Entries[0];
        Assert.True(log.MaxInWindow(TimeSpan.FromMilliseconds(900), e => !ReferenceEquals(e, first)) <= 4, shown);
        Assert.True(log.MaxInFlight <= 4, $"{log.MaxInFlight} in flight\n{shown}");
        Assert.All(log.Entries, e => Assert.StartsWith("QaIngest/", e.UserAgent));
        var span = log.Entries[^1].Time - log.Entries[0].Time;
        Assert.True(span >= TimeSpan.FromSeconds(3.5), $"16 requests at 4/s take at least 3.75 s, took {span}");
    }

    [Fact]
    public async Task Open_DataFolderHeldByAnotherRun_Throws()
    {
        await using var fixture = await StandInFixture.StartAsync(new StandInOptions());
        var data = fixture.NewDataFolder();
        using var first = FetchSession.Open(data, fixture.Options());

        Assert.Throws<DataDirectoryLockedException>(() => FetchSession.Open(data, fixture.Options()));
    }
}
