using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;
using QaIngest.Pipeline;
using QaIngest.SiteStandIn;

namespace QaIngest.Web.Tests;

/// <summary>
/// A question fetched from the loopback stand-in with its XLSX annex: its document page lists the
/// annex by its title with the parliament's link, and shows the annex's sheet as a table under
/// "Bijlagen", its rows (months) with their numbers.
/// </summary>
public sealed class AnnexPageTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("qaingest-web-annex-").FullName;
    private StandInSite site = null!;
    private RunningServer server = null!;

    public async Task InitializeAsync()
    {
        site = await StandInSite.StartAsync(new StandInOptions
        {
            Synthetic = 10,
            Seed = 3,
            CorpusDirectory = Path.Combine(Repo.Root, "corpus"),
            SeedsDirectory = Path.Combine(Repo.Root, "seeds"),
        });

        // Synthetic question 10 (link id 900010) has annex 950010, listed at the end of its text as
        // "Overzicht per maand" and https://www.vlaamsparlement.be/link?id=950010.
        var ids = Path.Combine(root, "ids.txt");
        File.WriteAllLines(ids, ["900010"]);
        var pipeline = Path.Combine(root, "annex.json");
        File.WriteAllText(pipeline, JsonSerializer.Serialize(new
        {
            name = "annex",
            source = new { linkIds = ids, baseUrl = site.BaseUrl.AbsoluteUri },
            stages = new[] { "fetch", "extract", "parse", "figures", "index" },
            politeness = new { enabled = false },
        }));
        var report = await new PipelineRunner(PipelineDefinitionReader.ReadFile(pipeline).Definition!, new PipelineRunOptions { Data = Path.Combine(root, "data") }).RunAsync();
        Assert.Equal(0, report.ExitCode);
        server = await RunningServer.StartAsync(new ServeOptions(Path.Combine(root, "data")));
    }

    [Fact]
    public async Task DocumentPage_AnnexTitleLinkAndSheetTable()
    {
        var hits = System.Text.Json.Nodes.JsonNode.Parse(await server.Client.GetStringAsync("/api/search?q=februari"))!["hits"]!.AsArray();
        var key = (string)hits.Single(h => (string)h!["section"]! == "annexes")!["source"]!;
        var html = await server.Client.GetStringAsync($"/document?key={Uri.EscapeDataString(key)}");

        var start = html.IndexOf("<section class=\"annexes\">", StringComparison.Ordinal);
        Assert.True(start > 0, "no annexes section");
        Assert.Contains("<h2>Bijlagen</h2><ol class=\"annex-list\"><li><a href=\"https://www.vlaamsparlement.be/link?id=950010\" rel=\"noopener noreferrer nofollow\">Overzicht per maand</a></li></ol>", html, StringComparison.Ordinal);

        // The sheet: the stand-in's annex holds id mod 997, 991, 983 for januari, februari, maart.
        var sheet = html[start..];
        Assert.Contains("<h3>bijlage 1, tabblad 1: tabblad 1</h3>", sheet, StringComparison.Ordinal);
        var tableStart = sheet.IndexOf("<table class=\"data\">", StringComparison.Ordinal);
        var table = XElement.Parse(sheet[tableStart..(sheet.IndexOf("</table>", StringComparison.Ordinal) + "</table>".Length)]);
        var rows = table.Element("tbody")!.Elements("tr").ToDictionary(r => r.Element("th")!.Value, r => r.Element("td")!.Value);
        Assert.Equal(["januari", "februari", "maart"], rows.Keys);
        Assert.Equal((950_010 % 997).ToString(System.Globalization.CultureInfo.InvariantCulture), rows["januari"]);
        Assert.Equal((950_010 % 991).ToString(System.Globalization.CultureInfo.InvariantCulture), rows["februari"]);
        Assert.Equal((950_010 % 983).ToString(System.Globalization.CultureInfo.InvariantCulture), rows["maart"]);

        var api = System.Text.Json.Nodes.JsonNode.Parse(await server.Client.GetStringAsync($"/api/document?key={Uri.EscapeDataString(key)}"))!;
        var annex = Assert.Single(api["annexes"]!.AsArray())!;
        Assert.Equal("Overzicht per maand", (string)annex["title"]!);
        Assert.Equal("https://www.vlaamsparlement.be/link?id=950010", (string)annex["url"]!);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
