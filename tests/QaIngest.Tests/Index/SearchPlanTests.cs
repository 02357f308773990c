using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// Windows of recent items (for queries whose words are in very many items) return what a search
/// over every item returns once they have widened to hold the hits asked for; negations and
/// question-number filters hold.
/// </summary>
public sealed class SearchPlanTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData("traject*")]
    [InlineData("VDAB -budget")]
    [InlineData("werk* year:2020..2024")]
    [InlineData("RIZIV budget 2021")]
    [InlineData("VDAB amount:[1000 TO 100000000]")]
    [InlineData("kinderopvang year:2019..2024")]
    public void Search_InAWindowThatWidens_EqualsTheSearchOverEveryItem(string query)
    {
        using var index = seeds.Open();
        var request = new SearchRequest(query) { Limit = 1000 };
        var everything = index.Search(request).Results!;

        // A budget this small makes every query with words windowed on the five seeds.
        index.RankBudget = 1;
        var windowed = index.Search(request).Results!;

        Assert.NotEmpty(windowed.Hits);
        Assert.Equal(Summary(everything), Summary(windowed));
        Assert.False(windowed.TotalIsEstimate);
    }

    [Fact]
    public void Search_CutToAWindow_SaysSoAndEstimatesTheTotal()
    {
        using var index = seeds.Open();
        var exact = index.Search(new SearchRequest("VDAB") { Limit = 1 }).Results!;
        index.RankBudget = 1;
        index.CountBudget = 0;

        var cut = index.Search(new SearchRequest("VDAB") { Limit = 1 }).Results!;

        Assert.Null(exact.RankedWindow);
        Assert.NotNull(cut.RankedWindow);
        Assert.True(cut.TotalIsEstimate);
        Assert.Single(cut.Hits);
        Assert.True(exact.Total > 1);
    }

    [Theory]
    [InlineData("amount:>=1", 5)]
    [InlineData("amount:>=10000000", 3)]
    [InlineData("amount:>50000000", 1)]
    [InlineData("amount:>=1", 1000)]
    public void Search_AmountAtLeast_CountedAndSortedFromTheIndexLikeEveryMatch(string query, int limit)
    {
        using var index = seeds.Open();

        // The same filter with a negated word no item has goes through the general path.
        var quick = index.Search(new SearchRequest(query) { Limit = limit }).Results!;
        var general = index.Search(new SearchRequest($"{query} -qqqzzzxyz") { Limit = limit }).Results!;

        Assert.NotEmpty(quick.Hits);
        Assert.Equal(general.Total, quick.Total);
        Assert.Equal(general.Hits.Select(Key), quick.Hits.Select(Key));
        Assert.Equal(general.Hits.Select(h => h.Figures.Max(f => f.Value)), quick.Hits.Select(h => h.Figures.Max(f => f.Value)));
    }

    [Theory]
    [InlineData("RIZIV", "budget")]
    [InlineData("VDAB", "kinderopvang")]
    public void Search_NegatedWord_NoHitMatchesIt(string word, string negated)
    {
        using var index = seeds.Open();

        var hits = index.Search(new SearchRequest($"{word} -{negated}") { Limit = 1000, Compounds = false }).Results!.Hits;
        var withNegated = index.Search(new SearchRequest(negated) { Limit = 1000, Compounds = false }).Results!.Hits;

        Assert.NotEmpty(hits);
        Assert.Empty(hits.Select(Key).Intersect(withNegated.Select(Key)));
    }

    [Fact]
    public void Search_NumberFilter_ReturnsOnlyThatQuestionsItems()
    {
        using var index = seeds.Open();

        var results = index.Search(new SearchRequest("number:693 budget") { Limit = 1000 }).Results!;

        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits, h => Assert.Equal(693, h.DocumentNumber));
        Assert.Equal(results.Hits.Length, results.Total);
    }

    [Theory]
    [InlineData("VDAB", 2023, 2024)]
    [InlineData("VDAB", 2020, 2022)]
    [InlineData("VDAB", 2024, 2024)]
    public void Search_YearRange_KeepsExactlyTheHitsDatedInIt(string word, int from, int to)
    {
        using var index = seeds.Open();
        var all = index.Search(new SearchRequest(word) { Limit = 1000, Compounds = false }).Results!;

        var inYears = index.Search(new SearchRequest($"{word} year:{from}..{to}") { Limit = 1000, Compounds = false }).Results!;
        index.RankBudget = 1;
        var windowed = index.Search(new SearchRequest($"{word} year:{from}..{to}") { Limit = 1000, Compounds = false }).Results!;

        var expected = all.Hits.Where(h => h.Date is { Year: var y } && y >= from && y <= to).Select(Key).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Hits.Length);
        Assert.Equal(expected, inYears.Hits.Select(Key).Order());
        Assert.Equal(expected.Count, inYears.Total);
        Assert.Equal(expected, windowed.Hits.Select(Key).Order());
        Assert.Equal(expected.Count, windowed.Total);
    }

    private static string Key(SearchHit h) => $"{Path.GetFileName(h.Source)} {h.Section} {h.Number}";

    private static string Summary(SearchResults results) =>
        $"{results.Total}\n" + string.Join('\n', results.Hits.Select(h => $"{Key(h)} {h.Score} {h.ViaCompound}"));
}
