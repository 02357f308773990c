using System.Text.Json.Nodes;

namespace QaIngest.Web.Tests.Browser;

/// <summary>A journalist's way through the site in a real (headless) browser, over the served seeds.</summary>
[Collection(ServedSeedsCollection.Name)]
public sealed class JournalistTests(ServedSeeds served)
{
    [Fact]
    public void SearchOpenFilterSortFollowAndJson()
    {
        using var browser = Browser.Start();
        var search = new SearchPageObject(browser).Open(served.Server.Address).Search("RIZIV VDAB 2021");

        // The answer with the amount comes first, with its figure as a journalist reads it.
        var first = search.Hits[0];
        Assert.Equal(("answer", 8, 693), (first.Section, first.Number, first.DocumentNumber));
        Assert.Contains("EUR 24,000,000", first.Figures);
        Assert.Contains("Answers question 8", first.Text, StringComparison.Ordinal);
        browser.Screenshot("serve-search.png");

        // Its document: the question beside its answer.
        var document = search.OpenDocumentOf(first);
        Assert.Equal("Activering van arbeidsongeschikte werkzoekenden - VDAB-partnerschappen", document.Title);
        var (question, answer) = document.Row(8);
        Assert.StartsWith("Question 8", question, StringComparison.Ordinal);
        Assert.Contains("EUR 24,000,000", answer, StringComparison.Ordinal);
        Assert.True(document.SideBySide(8));
        document.ScrollTo(8);
        browser.Screenshot("serve-document.png");
        document.Back();

        // Filter by a year: only that year's answers remain.
        search.Follow("year", "2022");
        Assert.Equal(["year:2022"], search.ActiveFilters);
        Assert.NotEmpty(search.Hits);
        Assert.All(search.Hits, h => Assert.Equal("2022", h.Year));

        // Sort by amount: largest amounts first, the 24 million on top.
        search.SortBy("amount");
        var amounts = search.Hits.Select(h => h.LargestAmount).ToList();
        Assert.Equal(amounts.OrderDescending(), amounts);
        Assert.Equal(24_000_000m, amounts[0]);

        // Follow another facet: who asked.
        var asker = search.FacetValues("asker")[0];
        search.Follow("asker", asker);
        Assert.Equal(["year:2022", $"asker:{asker}"], search.ActiveFilters);
        Assert.NotEmpty(search.Hits);
        Assert.All(search.Hits, h => Assert.Contains($"by {asker}", h.Text, StringComparison.Ordinal));

        // The same results as JSON.
        var json = JsonNode.Parse(search.OpenApiJson())!;
        Assert.Contains("year:2022", (string)json["query"]!, StringComparison.Ordinal);
        Assert.Contains($"asker:\"{asker}\"", (string)json["query"]!, StringComparison.Ordinal);
        Assert.All(json["hits"]!.AsArray(), h => Assert.Equal(asker, (string)h!["asker"]!));
    }
}
