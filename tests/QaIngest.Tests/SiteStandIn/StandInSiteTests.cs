using System.Net;
using System.Text.Json;
using QaIngest.Fetch;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.SiteStandIn;

public sealed class StandInSiteTests
{
    private static StandInOptions Options(int synthetic = 0, double faultRate = 0, int seed = 1) => new()
    {
        Synthetic = synthetic,
        FaultRate = faultRate,
        Seed = seed,
        CorpusDirectory = Repo.File_("corpus"),
        SeedsDirectory = Repo.File_("seeds"),
        SlowDelay = TimeSpan.FromMilliseconds(200),
    };

    private static HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public void Build_MostSyntheticQuestions_EveryLinkIdOnce()
    {
        // Question k has link id 900000 + k and every tenth an annex 950000 + k: 50,000 is the most before they meet.
        var catalog = SiteCatalog.Build(Options(synthetic: 50_000));

        Assert.Equal(50_000, catalog.Questions.Count(q => q.LinkId is >= 900_001 and <= 950_000));
        Assert.Equal(catalog.Documents.Length, catalog.ByLinkId.Count);
        Assert.Throws<ArgumentException>(() => Options(synthetic: 50_001).Validate());
    }

    [Fact]
    public async Task Timeline_FileOnItsDays_ServesTheVersionOfTheDayWithItsValidators()
    {
        var clock = new QaIngest.Tests.Support.FakeTimeProvider(new DateTimeOffset(2021, 8, 31, 12, 0, 0, TimeSpan.Zero));
        await using var site = await StandInSite.StartAsync(new StandInOptions { TimelineDirectory = Repo.File_("corpus", "timeline"), Time = clock });
        using var client = Client();
        var file = new Uri(site.BaseUrl, "pfile?id=1749866");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(file)).StatusCode);

        clock.Advance(TimeSpan.FromDays(1));
        using var asked = await client.GetAsync(file);
        var etag = asked.Headers.ETag!;
        Assert.Equal(File.ReadAllBytes(Repo.File_("corpus", "timeline", "1749866-asked.txt")), await asked.Content.ReadAsByteArrayAsync());

        clock.Advance(TimeSpan.FromDays(27));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, file);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var answered = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(File.ReadAllBytes(Repo.File_("corpus", "timeline", "1749866-answered.txt")), await answered.Content.ReadAsByteArrayAsync());

        var record = JsonDocument.Parse(await client.GetStringAsync(new Uri(site.BaseUrl, "e/opendata/schv/1548807"))).RootElement;
        Assert.Equal(["Vraag gesteld aan de minister", "Tijdig beantwoord"], record.GetProperty("procedureverloop").EnumerateArray().Select(p => p.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task StartAsync_PortZero_BindsLoopbackAndServesPermalinkRedirects()
    {
        await using var site = await StandInSite.StartAsync(Options(synthetic: 2));
        using var client = Client();

        using var link = await client.GetAsync(new Uri(site.BaseUrl, "link?id=900001"));
        using var landing = await client.GetAsync(new Uri(site.BaseUrl, "link?id=1923501"));

        Assert.Equal("127.0.0.1", site.BaseUrl.Host);
        Assert.NotEqual(0, site.BaseUrl.Port);
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Equal("/pfile?id=900001", link.Headers.Location!.OriginalString);
        Assert.Equal("/schriftelijke-vragen/1789235", landing.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task File_IfNoneMatchOrIfModifiedSince_Returns304WithoutBody()
    {
        await using var site = await StandInSite.StartAsync(Options());
        using var client = Client();
        var url = new Uri(site.BaseUrl, "pfile?id=1910264");

        using var first = await client.GetAsync(url);
        var body = await first.Content.ReadAsByteArrayAsync();
        using var byTag = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { first.Headers.ETag! } } };
        using var tagged = await client.SendAsync(byTag);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfModifiedSince = first.Content.Headers.LastModified } };
        using var dated = await client.SendAsync(byDate);

        Assert.Equal(File.ReadAllBytes(Repo.File_("corpus", "fixtures", "pdf", "000_57b4a00a02773f93.pdf")), body);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, tagged.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, dated.StatusCode);
        Assert.Equal([0L, 0L], site.Log.Entries.Skip(1).Select(e => e.BodyBytes));
    }

    [Fact]
    public async Task Faults_SameSeed_SameFaultsPerUrlWhateverTheOrder()
    {
        async Task<string[]> Run(int seed, bool reversed)
        {
            await using var site = await StandInSite.StartAsync(Options(synthetic: 20, faultRate: 0.5, seed: seed));
            using var client = Client();
            var urls = Enumerable.Range(900001, 20).Select(id => $"pfile?id={id}").ToList();
            foreach (var url in reversed ? Enumerable.Reverse(urls) : urls)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(site.BaseUrl, url));
                    await response.Content.ReadAsByteArrayAsync();
                }
                catch (HttpRequestException)
                {
                    // resets and truncated bodies
                }
            }

            return [.. site.Log.Entries.OrderBy(e => e.Query, StringComparer.Ordinal).Select(e => $"{e.Query}:{e.Fault}")];
        }

        var first = await Run(seed: 3, reversed: false);
        var again = await Run(seed: 3, reversed: true);
        var other = await Run(seed: 4, reversed: false);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(first, f => !f.EndsWith(":None", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Faults_AnyRate_NeverMoreThanThreeInARowForOneUrl()
    {
        await using var site = await StandInSite.StartAsync(Options(synthetic: 1, faultRate: 1.0) with { SlowDelay = TimeSpan.Zero });
        using var client = Client();

        for (var i = 0; i < 8; i++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(site.BaseUrl, "pfile?id=900001"));
                await response.Content.ReadAsByteArrayAsync();
            }
            catch (HttpRequestException)
            {
            }
        }

        // The client may repeat a request itself after a reset, so count runs in the log, not per call.
        var faults = site.Log.Entries.Select(e => e.Fault).ToList();
        var longestRun = faults.Aggregate((Run: 0, Max: 0), (acc, f) => f == TransientFault.None ? (0, acc.Max) : (acc.Run + 1, Math.Max(acc.Max, acc.Run + 1))).Max;
        Assert.Equal(3, longestRun);
        Assert.Contains(TransientFault.None, faults);
    }

    [Fact]
    public async Task OpenData_Question_HasTheDocumentedFields()
    {
        await using var site = await StandInSite.StartAsync(Options());
        using var client = Client();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(site.BaseUrl, "e/opendata/schv/1790264")));
        var root = json.RootElement;

        Assert.Equal(264, root.GetProperty("vraagnummer").GetInt32());
        Assert.Equal("VDAB - Bereik werkzoekenden en inactieven", root.GetProperty("titel").GetString());
        Assert.Equal("2023-2024", root.GetProperty("zittingsjaar").GetString());
        Assert.Equal("Savenberg", root.GetProperty("vraagsteller").GetProperty("naam").GetString());
        Assert.Equal("Jo", root.GetProperty("minister").GetProperty("voornaam").GetString());
        Assert.Equal("2024-02-12", root.GetProperty("procedureverloop")[0].GetProperty("datum").GetString());
        Assert.Equal(
            [new Uri(site.BaseUrl, "pfile?id=1910264").AbsoluteUri, new Uri(site.BaseUrl, "pfile?id=18585").AbsoluteUri],
            root.GetProperty("bestand-ordered").EnumerateArray().Select(f => f.GetProperty("URL").GetString()));
    }

    [Fact]
    public async Task Search_MaxAbove100_ServesAtMost100APage()
    {
        await using var site = await StandInSite.StartAsync(Options(synthetic: 150));
        using var client = Client();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(site.BaseUrl,
            "api/search/query/inmeta:publicatiedatum:daterange:2024-01-01..2024-12-31&requiredfields=aggregaattype:Schriftelijke%20vraag?collection=vp_collection&page=1&max=500&sort=date")));

        Assert.Equal(100, json.RootElement.GetProperty("result").GetArrayLength());
        Assert.Equal(152, json.RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Catalog_SyntheticQuestions_UniqueParseableWithAnnexTrailerEveryTenth()
    {
        var catalog = SiteCatalog.Build(Options(synthetic: 20));

        var synthetic = catalog.Documents.Where(d => d.LinkId is >= 900001 and <= 900020).ToList();
        Assert.Equal(20, synthetic.Count);
        Assert.Equal(20, synthetic.Select(d => RawStore.Sha256Hex(d.Bytes)).Distinct().Count());
        var parsed = QaIngest.Parse.QuestionParser.Parse(System.Text.Encoding.UTF8.GetString(catalog.ByLinkId[900020].Bytes));
        Assert.True(parsed.Success);
        Assert.Equal(20, parsed.Value.Number);
        Assert.Equal(950020, Assert.Single(parsed.Value.Annexes).LinkId);
        Assert.Equal(FileFormat.Xlsx, ContentSniffer.FromBytes(catalog.ByLinkId[950020].Bytes));
    }
}
