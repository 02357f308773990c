using System.Collections.Immutable;
using QaIngest.Search;
using QaIngest.Web.Pages;

namespace QaIngest.Web.Tests;

/// <summary>The search page rendered from a search result directly: facets come from the result, whatever their names.</summary>
public sealed class SearchPageRenderingTests
{
    [Fact]
    public void Render_FacetThePageDoesNotKnow_ShownAsLinksWithCounts()
    {
        var results = new SearchResults("VDAB", 3, []) with
        {
            Facets = ImmutableDictionary<string, ImmutableArray<FacetCount>>.Empty
                .Add("theme", [new FacetCount("Werk en sociale economie", 3)])
                .Add("answerKind", [new FacetCount("numbered", 2)])
                .Add("committee", [new FacetCount("Commissie Werk", 1)]),
        };
        var form = new SearchForm("VDAB", [], null, null, SearchSort.Relevance, 1);

        var html = SearchPage.Render(Language.Dutch, form, results, [], 10, null);

        Assert.Contains("<h2>Thema</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/?q=VDAB&amp;f=theme%3AWerk%20en%20sociale%20economie\" data-facet=\"theme\">Werk en sociale economie</a> <span class=\"count\">3</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Soort antwoord</h2>", html, StringComparison.Ordinal);
        Assert.Contains("data-facet=\"committee\"><h2>committee</h2>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("data-facet=\"answerKind\"", StringComparison.Ordinal) < html.IndexOf("data-facet=\"theme\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_RankedInAWindow_SaysTheTotalIsAnEstimateAndWhy()
    {
        var results = new SearchResults("werk", 1_234_567, []) with { TotalIsEstimate = true, RankedWindow = 250_000 };
        var form = new SearchForm("werk", [], null, null, SearchSort.Relevance, 1);

        var dutch = SearchPage.Render(Language.Dutch, form, results, [], 10, null);
        var english = SearchPage.Render(Language.English, form, results, [], 10, null);

        Assert.Contains("<p class=\"total\" id=\"total\">ongeveer 1.234.567 resultaten</p>", dutch, StringComparison.Ordinal);
        Assert.Contains("gerangschikt binnen de 250.000 recentste items", dutch, StringComparison.Ordinal);
        Assert.Contains("<p class=\"total\" id=\"total\">about 1,234,567 results</p>", english, StringComparison.Ordinal);
        Assert.Contains("ranked among the 250,000 most recent items", english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("theme:Werk en sociale economie", "theme:\"Werk en sociale economie\"")]
    [InlineData("year:2021", "year:2021")]
    [InlineData("minister:Jo Brouns", "minister:\"Jo Brouns\"")]
    public void Clause_FacetFilter_QueryLanguage(string filter, string clause) => Assert.Equal(clause, SearchForm.Clause(filter));

    [Fact]
    public void Query_WordsWithOrAndFilters_WordsKeptTogether()
    {
        var form = new SearchForm("kinderopvang OR opvang", ["year:2021"], 1000m, null, SearchSort.Relevance, 1);
        Assert.Equal("(kinderopvang OR opvang) year:2021 amount:>=1000", form.Query);
    }
}
