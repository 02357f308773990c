using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// The expected cost the server orders waiting searches by: more postings cost more, facets and
/// prefixes add, a query that cannot run costs nothing.
/// </summary>
public sealed class SearchIndexCostTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Fact]
    public void Cost_FrequentWord_MoreThanRareWord()
    {
        using var index = seeds.Open();

        // In the seeds VDAB is named 180 times, RIZIV 14 times.
        Assert.True(index.Cost(new SearchRequest("VDAB")) > index.Cost(new SearchRequest("RIZIV")));
        Assert.True(index.Cost(new SearchRequest("RIZIV")) > 0);
    }

    [Fact]
    public void Cost_MoreWordsFacetsOrAPrefix_AddToIt()
    {
        using var index = seeds.Open();
        var word = index.Cost(new SearchRequest("VDAB"));

        Assert.True(index.Cost(new SearchRequest("VDAB RIZIV")) > word);
        Assert.True(index.Cost(new SearchRequest("VDAB") { Facets = true }) > word);

        // A prefix counts as every item, whatever words it stands for: more than a word in a few items.
        Assert.True(index.Cost(new SearchRequest("qqqq*")) > index.Cost(new SearchRequest("RIZIV")));
    }

    [Theory]
    [InlineData("VDAB AND (jongeren")]
    [InlineData("zzzgeenwoordzzz")]
    public void Cost_MalformedQueryOrUnknownWord_IsZero(string query)
    {
        using var index = seeds.Open();
        Assert.Equal(0, index.Cost(new SearchRequest(query)));
    }
}
