using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// The faster query plans (negations checked per candidate, number filters, prefixes OR-ed from the
/// term list, counts taken while ranking) return what the plain plans return, on the seeds.
/// </summary>
public sealed class SearchPlanTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData("RIZIV -budget")]
    [InlineData("VDAB -kinderopvang -werkzoekenden")]
    [InlineData("budget -\"sociale economie\"")]
    [InlineData("number:693 budget")]
    [InlineData("number:693 -budget")]
    [InlineData("traject*")]
    [InlineData("VDAB amount:[1000 TO 100000000]")]
    [InlineData("asker:bothuyne traject*")]
    [InlineData("kinderopvang year:2019..2024")]
    public void Search_OptimisedPlan_EqualsPlainPlan(string query)
    {
        var (optimised, plain) = Both(query, index => { });

        Assert.Equal(Summary(plain), Summary(optimised));
    }

    [Theory]
    [InlineData("traject*")]
    [InlineData("VDAB -budget")]
    [InlineData("werk* year:2020..2024")]
    public void Search_InWindowsScoredInProcess_EqualsPlainPlan(string query)
    {
        // Budgets this small make every word common and every query windowed on the five seeds.
        var (optimised, plain) = Both(query, index =>
        {
            index.Bm25WordBudget = 1;
            index.RankBudget = 4;
        });

        Assert.NotEmpty(optimised.Hits);
        Assert.Equal(Summary(plain), Summary(optimised));
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

    private (SearchResults Optimised, SearchResults Plain) Both(string query, Action<SearchIndex> configure)
    {
        using var index = seeds.Open();
        configure(index);
        var request = new SearchRequest(query) { Limit = 1000 };
        var optimised = index.Search(request).Results!;
        index.PlainPlans = true;
        var plain = index.Search(request).Results!;
        return (optimised, plain);
    }

    private static string Key(SearchHit h) => $"{Path.GetFileName(h.Source)} {h.Section} {h.Number}";

    private static string Summary(SearchResults results) =>
        $"{results.Total} {results.TotalIsEstimate}\n" + string.Join('\n', results.Hits.Select(h => $"{Key(h)} {h.Score} {h.ViaCompound}"));
}
