using QaIngest.Fetch;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Fetch;

public sealed class ParliamentSearchClientTests
{
    [Fact]
    public async Task DiscoverAsync_250Questions_ReadsEveryPageOf100()
    {
        await using var fixture = await StandInFixture.StartAsync(new StandInOptions { Synthetic = 250 });
        using var session = FetchSession.Open(fixture.NewDataFolder(), fixture.Options());

        var found = await session.Search.DiscoverAsync(SearchQuery.PublishedBetween(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));

        Assert.Equal(250 + 2, found.Length); // the synthetic questions and the corpus's two of 2024 (nr. 235 and nr. 264)
        Assert.Equal(found.Length, found.Select(q => q.Id).Distinct().Count());
        var pages = fixture.Site.Log.Entries.Where(e => e.Path.StartsWith("/api/search/query/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["page=1", "page=2", "page=3"], pages.Select(p => p.Query.Split('&').Single(q => q.StartsWith("page=", StringComparison.Ordinal))).Distinct().Order());
        Assert.All(pages, p => Assert.Contains("max=100", p.Query));
        var real = found.Single(q => q.Id == OpenDataId.Create(1789235));
        Assert.Equal(new DateOnly(2024, 1, 11), real.Date);
        Assert.Equal("Suzy Wouters", real.Asker);
        Assert.Equal("Zuhal Demir", real.Minister);
        Assert.Equal("2023-2024", real.SessionYear);
        Assert.Equal(1789235, real.Id!.Value.Value);
        Assert.EndsWith("/pfile?id=1923501", Assert.Single(real.Documents).AbsoluteUri);
    }

    [Fact]
    public async Task DiscoverAsync_DateRangeAndSessionYear_FilterTheResults()
    {
        await using var fixture = await StandInFixture.StartAsync(new StandInOptions { Synthetic = 30 });
        using var session = FetchSession.Open(fixture.NewDataFolder(), fixture.Options());

        var january2 = await session.Search.DiscoverAsync(SearchQuery.PublishedBetween(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 2)));
        var session2122 = await session.Search.DiscoverAsync(SearchQuery.SessionYear("2021-2022"));

        Assert.Equal([4, 5, 6], january2.Select(q => q.Number!.Value));
        Assert.Equal([693], session2122.Select(q => q.Number!.Value));
    }

    [Fact]
    public void PageUrl_DateRange_MatchesTheApiShape()
    {
        var client = new ParliamentSearchClient(null!, new FetchOptions());

        var url = client.PageUrl(SearchQuery.PublishedBetween(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31)), 2);

        Assert.Equal(
            "https://ws.vlpar.be/api/search/query/inmeta:publicatiedatum:daterange:2024-01-01..2024-01-31&requiredfields=aggregaattype:Schriftelijke%20vraag?collection=vp_collection&page=2&max=100&sort=date",
            url.AbsoluteUri);
    }

    [Theory]
    [InlineData("2023-2025")]
    [InlineData("2023")]
    public void SessionYear_Malformed_Throws(string year) => Assert.Throws<ArgumentException>(() => SearchQuery.SessionYear(year));
}
