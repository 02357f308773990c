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
