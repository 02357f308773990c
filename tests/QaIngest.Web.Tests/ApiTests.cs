using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QaIngest.Web.Tests;

/// <summary>Every endpoint of /api/ over the seeds, with good and bad parameters.</summary>
[Collection(ServedSeedsCollection.Name)]
public sealed class ApiTests(ServedSeeds served)
{
    private async Task<(HttpStatusCode Status, JsonNode Json, HttpResponseMessage Response)> Get(string path)
    {
        var response = await served.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, response);
    }

    [Fact]
    public async Task Search_JournalistQuery_Answer8Of693FirstWith24Million()
    {
        var (status, json, response) = await Get("/api/search?q=RIZIV%20VDAB%202021");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var first = json["hits"]![0]!;
        Assert.Equal(693, (int)first["documentNumber"]!);
        Assert.Equal("answer", (string)first["section"]!);
        Assert.Equal(8, (int)first["number"]!);
        Assert.Contains(first["figures"]!.AsArray(), f => (string)f!["kind"]! == "money" && (decimal)f["value"]! == 24_000_000m && (string)f["currency"]! == "EUR");
        Assert.True((long)json["total"]! >= 1);
    }

    [Fact]
    public async Task Search_SameJsonAsCliSearchFormatJson()
    {
        var (_, api, _) = await Get("/api/search?q=VDAB%20jongeren&limit=5&sort=date&facets=true");
        var cli = Path.Combine(Repo.Root, "src", "QaIngest.Cli", "bin", Repo.Configuration, "net10.0", "qaingest.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "search", "VDAB jongeren", "--limit", "5", "--sort", "date", "--facets", "--format", "json", "--data", served.Data })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(output), api), $"API: {api.ToJsonString()}\nCLI: {output}");
    }

    [Fact]
    public async Task Search_SortByAmount_LargestAmountFirst()
    {
        var (_, json, _) = await Get("/api/search?q=VDAB&sort=amount&limit=20");
        var largest = json["hits"]!.AsArray().Select(h => h!["figures"]!.AsArray().Where(f => (string)f!["kind"]! is "money" or "rate").Select(f => (decimal)f!["value"]!).DefaultIfEmpty(0).Max()).ToList();
        Assert.Equal(largest.OrderDescending(), largest);
        Assert.True(largest[0] > 0);
    }

    [Theory]
    [InlineData("/api/search?q=VDAB&limit=0", "limit")]
    [InlineData("/api/search?q=VDAB&limit=1001", "limit")]
    [InlineData("/api/search?q=VDAB&sort=loudest", "sort")]
    [InlineData("/api/search", "empty")]
    [InlineData("/api/search?q=%20%20", "empty")]
    [InlineData("/api/amounts?min=5&max=1", "min")]
    [InlineData("/api/amounts?limit=0", "limit")]
    [InlineData("/api/document", "key")]
    public async Task BadParameter_ProblemDetails400(string path, string reason)
    {
        var (status, json, response) = await Get(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, (int)json["status"]!);
        Assert.Contains(reason, (string)json["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("facets=1", true)]
    [InlineData("facets=true", true)]
    [InlineData("facets=0", false)]
    [InlineData("", false)]
    public async Task Search_FacetsOnlyWhenAsked(string parameter, bool counted)
    {
        var (status, json, _) = await Get("/api/search?q=VDAB&" + parameter);
        Assert.Equal(HttpStatusCode.OK, status);
        var facets = json["facets"]!.AsObject();
        Assert.Equal(counted, facets.Count > 0);
        if (counted)
        {
            Assert.True(facets["year"]!.AsArray().Count > 0);
        }
    }

    [Theory]
    [InlineData("/api/search?q=VDAB&limit=ten")]
    [InlineData("/api/search?q=VDAB&facets=maybe")]
    [InlineData("/api/amounts?min=lots")]
    public async Task UnreadableParameter_ProblemDetails400(string path)
    {
        var (status, json, response) = await Get(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, (int)json["status"]!);
    }

    [Theory]
    [InlineData("VDAB AND (jongeren", 9, "unclosed")]
    [InlineData("year:twintig", 5, "not a number")]
    [InlineData("VDAB )", 5, "unmatched")]
    public async Task MalformedQuery_ProblemWithPosition(string query, int position, string reason)
    {
        var (status, json, _) = await Get("/api/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(query, (string)json["query"]!);
        Assert.Equal(position, (int)json["position"]!);
        Assert.Contains(reason, (string)json["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facets_CountsPerMinisterAskerYear()
    {
        var (status, json, _) = await Get("/api/facets?q=VDAB");
        Assert.Equal(HttpStatusCode.OK, status);
        var facets = json["facets"]!.AsObject();
        Assert.Contains("minister", facets.Select(f => f.Key));
        Assert.Contains(facets["year"]!.AsArray(), y => (string)y!["value"]! == "2022" && (long)y["count"]! > 0);
        Assert.Contains(facets["asker"]!.AsArray(), a => (string)a!["value"]! == "Robrecht Bothuyne");
    }

    [Fact]
    public async Task Document_ByKey_QuestionsAnswersFiguresAndHeader()
    {
        var (status, json, _) = await Get("/api/document?key=" + Uri.EscapeDataString("seeds/001_98b0514b58b8ebbf.txt"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(693, (int)json["number"]!);
        Assert.Equal("2022-06-08", (string)json["date"]!);
        Assert.Equal("Robrecht Bothuyne", (string)json["asker"]!);
        var items = json["items"]!.AsArray();
        Assert.Equal(9, items.Count(i => (string)i!["section"]! == "question"));
        var answer8 = items.Single(i => (string)i!["section"]! == "answer" && (int?)i["number"] == 8)!;
        Assert.Equal(8, (int)answer8["question"]!);
        Assert.Contains(answer8["figures"]!.AsArray(), f => (decimal)f!["value"]! == 24_000_000m);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("qaingest.db")]
    public async Task Document_UnknownKey_404NeverAFile(string key)
    {
        var (status, json, _) = await Get("/api/document?key=" + Uri.EscapeDataString(key));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, (int)json["status"]!);
    }

    [Fact]
    public async Task Amounts_LargestFirstWithYears()
    {
        var (status, json, _) = await Get("/api/amounts?q=VDAB&limit=5");
        Assert.Equal(HttpStatusCode.OK, status);
        var values = json["amounts"]!.AsArray().Select(a => (decimal)a!["value"]!).ToList();
        Assert.InRange(values.Count, 1, 5);
        Assert.Equal(values.OrderDescending(), values);
        Assert.Contains(json["byYear"]!.AsArray(), y => (int)y!["year"]! == 2022 && (decimal)y["sum"]! >= 24_000_000m);
    }

    [Fact]
    public async Task Amounts_MinMax_OnlyInRange()
    {
        var (_, json, _) = await Get("/api/amounts?min=1000000&max=30000000");
        var values = json["amounts"]!.AsArray().Select(a => (decimal)a!["value"]!).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.InRange(v, 1_000_000m, 30_000_000m));
        Assert.Contains(24_000_000m, values);
    }

    [Fact]
    public async Task Alerts_SavedSearchesOfThePipeline()
    {
        var (status, json, _) = await Get("/api/alerts");
        Assert.Equal(HttpStatusCode.OK, status);
        var riziv = json.AsArray().Single(s => (string)s!["name"]! == "RIZIV")!;
        Assert.Equal("RIZIV", (string)riziv["query"]!);
        Assert.True((long)riziv["alerts"]! > 0);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryEndpoint()
    {
        var (status, json, _) = await Get("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = json["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/api/search", "/api/facets", "/api/document", "/api/amounts", "/api/alerts", "/alerts/{name}.atom" })
        {
            Assert.Contains(path, paths);
        }

        var parameters = json["paths"]!["/api/search"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Equal(["q", "limit", "sort", "facets", "compounds"], parameters);
    }

    [Fact]
    public async Task Json_IsCamelCase()
    {
        var response = await served.Client.GetStringAsync("/api/search?q=RIZIV&limit=1");
        using var document = JsonDocument.Parse(response);
        Assert.All(document.RootElement.EnumerateObject(), p => Assert.True(char.IsLower(p.Name[0]), p.Name));
        Assert.True(document.RootElement.TryGetProperty("totalIsEstimate", out _));
    }
}
