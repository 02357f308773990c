using System.Net;
using System.Xml.Linq;

namespace QaIngest.Web.Tests;

/// <summary>The HTML pages read as HTTP responses: what a reader without JavaScript gets.</summary>
[Collection(ServedSeedsCollection.Name)]
public sealed class PageTests(ServedSeeds served)
{
    [Fact]
    public async Task SearchPage_Empty_FormWithQueryHelp()
    {
        var html = await served.Client.GetStringAsync("/");
        Assert.Contains("<label for=\"q\">Zoekvraag</label>", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"help\"><summary>Hulp bij zoekvragen</summary>", html, StringComparison.Ordinal);
        Assert.Contains("amount:&gt;=10000000", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_Dutch_FiguresQuestionMetadataAndFacets()
    {
        var html = await served.Client.GetStringAsync("/?q=RIZIV+VDAB+2021");
        var first = html[html.IndexOf("<li class=\"hit\"", StringComparison.Ordinal)..];
        first = first[..first.IndexOf("<li class=\"hit\"", 1, StringComparison.Ordinal)];
        Assert.Contains("data-section=\"answer\" data-number=\"8\" data-document=\"693\"", first, StringComparison.Ordinal);
        Assert.Contains("EUR 24.000.000", first, StringComparison.Ordinal);
        Assert.Contains("<mark>RIZIV</mark>", first, StringComparison.Ordinal);
        Assert.Contains("Antwoordt op vraag 8", first, StringComparison.Ordinal);
        Assert.Contains("8 juni 2022", first, StringComparison.Ordinal);
        Assert.Contains("van Robrecht Bothuyne", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/document?key=seeds%2F001_98b0514b58b8ebbf.txt\"", first, StringComparison.Ordinal);
        Assert.Contains("<section class=\"facet\" data-facet=\"year\"><h2>Jaar</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?q=RIZIV%20VDAB%202021&amp;f=year%3A2022\" data-facet=\"year\">2022</a>", html, StringComparison.Ordinal);
        Assert.Contains("resultaten</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_English_ByParameterOrBrowser()
    {
        var html = await served.Client.GetStringAsync("/?q=RIZIV+VDAB+2021&lang=en");
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("EUR 24,000,000", html, StringComparison.Ordinal);
        Assert.Contains("8 June 2022", html, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?q=RIZIV");
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        var response = await served.Client.SendAsync(request);
        Assert.Contains("<html lang=\"en\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_FacetFilter_OnlyThatYear()
    {
        var html = await served.Client.GetStringAsync("/?q=VDAB&f=year%3A2024");
        var years = System.Text.RegularExpressions.Regex.Matches(html, "<time datetime=\"(\\d{4})").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(["2024"], years);
        Assert.Contains("<ul class=\"active-filters\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_Paging_SecondPageContinuesTheNumbering()
    {
        var first = await served.Client.GetStringAsync("/?q=VDAB");
        Assert.Contains("rel=\"next\"", first, StringComparison.Ordinal);
        var second = await served.Client.GetStringAsync("/?q=VDAB&page=2");
        Assert.Contains("<ol class=\"hits\" start=\"11\">", second, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_AmountRange_EveryHitHasAnAmountInIt()
    {
        var html = await served.Client.GetStringAsync("/?q=VDAB&min=20000000&max=60000000");
        Assert.Contains("id=\"min\" name=\"min\" min=\"0\" step=\"any\" value=\"20000000\"", html, StringComparison.Ordinal);
        var hits = html.Split("<li class=\"hit\"").Skip(1).ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, hit =>
        {
            var amounts = System.Text.RegularExpressions.Regex.Matches(hit, "<li class=\"figure figure-(?:money|rate)\"><data value=\"([0-9.]+)\"")
                .Select(m => decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(amounts, a => a is >= 20_000_000m and <= 60_000_000m);
        });
    }

    [Fact]
    public async Task SearchPage_SortByDate_NewestFirst()
    {
        var html = await served.Client.GetStringAsync("/?q=VDAB&sort=date");
        Assert.Contains("<option value=\"date\" selected>", html, StringComparison.Ordinal);
        var dates = System.Text.RegularExpressions.Regex.Matches(html, "<time datetime=\"([0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(dates.Count > 1);
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    [Theory]
    [InlineData("/?q=VDAB&page=0")]
    [InlineData("/?q=VDAB&page=101")]
    [InlineData("/?q=VDAB&sort=loud")]
    [InlineData("/?q=VDAB&min=veel")]
    [InlineData("/?q=VDAB&f=year")]
    [InlineData("/?q=VDAB&f=minister%3A%22x%22")]
    public async Task SearchPage_BadParameter_400WithReason(string path)
    {
        var response = await served.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"problem\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_QuestionsBesideAnswersWithFigures()
    {
        var html = await served.Client.GetStringAsync("/document?key=" + Uri.EscapeDataString("seeds/001_98b0514b58b8ebbf.txt"));
        Assert.Contains("<h1 id=\"title\">Activering van arbeidsongeschikte werkzoekenden - VDAB-partnerschappen</h1>", html, StringComparison.Ordinal);
        var row = html[html.IndexOf("<div class=\"qa-row\" id=\"q8\">", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("<div class=\"qa-row\" id=\"q9\">", StringComparison.Ordinal)];
        Assert.Contains("<h3>Vraag 8</h3>", row, StringComparison.Ordinal);
        Assert.Contains("<h3>Antwoord 8</h3>", row, StringComparison.Ordinal);
        Assert.Contains("EUR 24.000.000", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_ReferenceToAnotherQuestion_Linked()
    {
        // Question 7 of nr. 693 names "schriftelijke vraag nr. 651", which is not indexed: the link searches for its number.
        var html = await served.Client.GetStringAsync("/document?key=" + Uri.EscapeDataString("seeds/001_98b0514b58b8ebbf.txt"));
        Assert.Contains("<li><a href=\"/?q=number%3A651\">nr. 651</a></li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_Unknown_404()
    {
        var response = await served.Client.GetAsync("/document?key=nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AmountsPage_TableAndSvgChartByYear()
    {
        var html = await served.Client.GetStringAsync("/amounts?q=VDAB");
        Assert.Contains("<table class=\"amounts\" id=\"amounts\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", html, StringComparison.Ordinal);
        Assert.Contains(">2022</text>", html, StringComparison.Ordinal);
        Assert.Contains("EUR 24.000.000", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsPage_ListsSavedSearchesWithFeeds()
    {
        var html = await served.Client.GetStringAsync("/alerts");
        Assert.Contains("href=\"/alerts/RIZIV.atom\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AtomFeed_EntriesLinkToDocumentPages()
    {
        var response = await served.Client.GetAsync("/alerts/RIZIV.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.NotEmpty(entries);
        Assert.Contains(entries, e => e.Element(atom + "title")!.Value.Contains("nr. 693", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.StartsWith(served.Server.Address + "document?key=", e.Element(atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AtomFeed_UnknownSearch_404()
    {
        var response = await served.Client.GetAsync("/alerts/nobody.atom");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ApiPage_LinksEveryEndpoint()
    {
        var html = await served.Client.GetStringAsync("/api");
        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.Contains("GET /api/search?q=RIZIV VDAB 2021", html, StringComparison.Ordinal);
    }
}
