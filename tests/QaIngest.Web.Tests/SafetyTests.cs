using System.Net;
using System.Text.Json.Nodes;

namespace QaIngest.Web.Tests;

/// <summary>Markup in documents shows as text, every response has a restrictive policy, hostile queries and paths are refused.</summary>
[Collection(ServedSeedsCollection.Name)]
public sealed class SafetyTests(ServedSeeds served)
{
    private static readonly JsonNode Facts = JsonNode.Parse(File.ReadAllText(Repo.Fixture("hostile-markup.facts.json")))!;

    [Fact]
    public async Task SearchPage_DocumentWithScript_ShowsMarkupAsText()
    {
        var html = await served.Client.GetStringAsync("/?q=" + (string)Facts["query"]!);
        Assert.Contains("nr. 912", html, StringComparison.Ordinal);
        AssertNoMarkupFromDocument(html);
        Assert.Contains("&lt;script&gt;alert(&#x27;antwoord&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;titel&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_DocumentWithScript_ShowsMarkupAsText()
    {
        var html = await served.Client.GetStringAsync("/document?key=" + Uri.EscapeDataString(ServedSeeds.HostileKey));
        AssertNoMarkupFromDocument(html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;svg onload=alert(2)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmountsPage_DocumentWithScript_ShowsMarkupAsText()
    {
        var html = await served.Client.GetStringAsync("/amounts?q=scriptsnoeper");
        Assert.Contains("3.000.000", html, StringComparison.Ordinal);
        AssertNoMarkupFromDocument(html);
    }

    [Fact]
    public async Task Api_DocumentWithScript_JsonCarriesTheTextAsItIs()
    {
        var json = JsonNode.Parse(await served.Client.GetStringAsync("/api/document?key=" + Uri.EscapeDataString(ServedSeeds.HostileKey)))!;
        Assert.Contains((string)Facts["markupInTitle"]!, (string)json["title"]!, StringComparison.Ordinal);
        Assert.Contains(json["items"]!.AsArray(), i => ((string)i!["text"]!).Contains((string)Facts["markupInAnswer"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchPage_QueryWithMarkup_EchoedAsText()
    {
        // A malformed query (its quote is never closed): the page says so, and shows the query as text.
        var response = await served.Client.GetAsync("/?q=" + Uri.EscapeDataString("\"><script>alert(3)</script>"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(3)", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    private static void AssertNoMarkupFromDocument(string html)
    {
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>vet</b>", html, StringComparison.Ordinal);
        // The only script is the site's own.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?q=VDAB")]
    [InlineData("/document?key=nope")]
    [InlineData("/api/search?q=VDAB")]
    [InlineData("/api/search?q=(")]
    [InlineData("/alerts/RIZIV.atom")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/no/such/page")]
    public async Task EveryResponse_RestrictiveContentSecurityPolicy(string path)
    {
        var response = await served.Client.GetAsync(path);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task TooLongQuery_400WithReason()
    {
        var query = string.Join(' ', Enumerable.Repeat("VDAB", 120));
        var json = await Problem("/api/search?q=" + Uri.EscapeDataString(query));
        Assert.Contains("at most 500", (string)json["detail"]!, StringComparison.Ordinal);
        Assert.Equal(500, (int)json["position"]!);
    }

    [Fact]
    public async Task TooManyClauses_400WithReason()
    {
        var query = string.Join(" OR ", Enumerable.Range(1, 60).Select(i => $"w{i}"));
        var json = await Problem("/api/search?q=" + Uri.EscapeDataString(query));
        Assert.Contains("60 clauses", (string)json["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooDeepNesting_400AtTheParenthesis()
    {
        var query = new string('(', 7) + "VDAB" + new string(')', 7);
        var json = await Problem("/api/search?q=" + Uri.EscapeDataString(query));
        Assert.Contains("deep", (string)json["detail"]!, StringComparison.Ordinal);
        Assert.Equal(6, (int)json["position"]!);
    }

    [Fact]
    public async Task TooDeepNesting_SearchPage400ShowsWhere()
    {
        var response = await served.Client.GetAsync("/?q=" + Uri.EscapeDataString(new string('(', 50) + "x"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"problem\"", html, StringComparison.Ordinal);
        Assert.Contains("deep", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/alerts/..%2F..%2F..%2Fetc%2Fpasswd.atom")]
    [InlineData("/alerts/RIZIV.jsonl")]
    [InlineData("/alerts/..%2Fqaingest.db.atom")]
    [InlineData("/static/..%2F..%2Fqaingest.db")]
    [InlineData("/qaingest.db")]
    [InlineData("/index/segments_1")]
    [InlineData("/document?key=..%2F..%2Fetc%2Fpasswd")]
    public async Task PathsFromTheRequest_NeverReadAFile(string path)
    {
        var response = await served.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite format", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowQuery_CutByTheTimeLimitWithAClearMessage()
    {
        // A limit no search can meet: the first search of a fresh server opens its reader and compiles its code.
        await using var server = await RunningServer.StartAsync(new ServeOptions(served.Data) { QueryTimeout = TimeSpan.FromTicks(1) });
        var response = await server.Client.GetAsync("/api/search?q=VDAB&facets=true");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Query too slow", (string)json["title"]!);
        Assert.Contains("took longer than", (string)json["detail"]!, StringComparison.Ordinal);
        var page = await server.Client.GetAsync("/?q=jongeren");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("took longer than", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> Problem(string path)
    {
        var response = await served.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
