using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using QaIngest.Pipeline;

namespace QaIngest.Web.Tests;

/// <summary>
/// A document with tables (the HTML fixture of issue 14, ingested by a pipeline into its own data
/// directory) on its document page: each table as an HTML table in the answer it stands in, with its
/// caption, header rows, row labels and number cells where the fixture's hand-written facts put them.
/// </summary>
public sealed class DocumentTablesTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("qaingest-web-tables-").FullName;
    private readonly JsonNode placement = JsonNode.Parse(File.ReadAllText(Repo.Fixture("t12-winwinlening.placement.json")))!;
    private RunningServer server = null!;

    public async Task InitializeAsync()
    {
        var pipeline = new PipelineDefinition
        {
            Name = "tables",
            Source = new FilesSource([(string)placement["document"]!]),
            Stages = [PipelineStage.Extract, PipelineStage.Parse, PipelineStage.Figures, PipelineStage.Index],
        };
        var report = await new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = Repo.Root, Data = data }).RunAsync();
        Assert.Empty(report.Failed);
        server = await RunningServer.StartAsync(new ServeOptions(data));
    }

    [Fact]
    public async Task DocumentPage_TablesInTheirAnswers_CaptionHeadersRowsCells()
    {
        var key = (string)placement["document"]!;
        var html = await server.Client.GetStringAsync($"/document?key={Uri.EscapeDataString(key)}");
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, Path.ChangeExtension(key, null) + ".expected.json")))!;
        var answers = placement["answerOf"]!.AsObject();
        Assert.Equal(answers.Count, expected["tables"]!.AsArray().Count);
        foreach (var table in expected["tables"]!.AsArray())
        {
            var caption = (string)table!["caption"]!;
            var at = html.IndexOf($"<caption>{caption}", StringComparison.Ordinal);
            Assert.True(at > 0, $"no table captioned '{caption}'");

            // In the answer it stands in: the last answer opened before it is that one.
            var answer = html.LastIndexOf("<div class=\"answer-item\" id=\"a", at, StringComparison.Ordinal);
            Assert.StartsWith($"<div class=\"answer-item\" id=\"a{(int)answers[caption]!}\"", html[answer..], StringComparison.Ordinal);

            var start = html.LastIndexOf("<table class=\"data\">", at, StringComparison.Ordinal);
            var end = html.IndexOf("</table>", at, StringComparison.Ordinal) + "</table>".Length;
            var grid = XElement.Parse(html[start..end]);
            var columns = ColumnLabels(grid.Element("thead")!);
            var rows = grid.Element("tbody")!.Elements("tr").ToDictionary(r => r.Element("th")!.Value, r => r.Elements("td").Select(td => td.Value).ToList());

            // Rows in the document's order (the store keeps the rows that have numbers).
            var expectedRows = table["rowLabels"]!.AsArray().Select(r => (string)r!).ToList();
            Assert.Equal(expectedRows.Where(rows.ContainsKey), rows.Keys);
            foreach (var cell in table["cells"]!.AsArray().Where(c => c!["value"] is not null))
            {
                var row = (string)cell!["row"]!;
                var column = columns.IndexOf((string)cell["column"]!);
                Assert.True(column >= 0, $"{caption}: no column '{cell["column"]}' among {string.Join(" | ", columns)}");
                Assert.Contains((string)cell["text"]!, rows[row][column], StringComparison.Ordinal);
            }
        }

        // The header levels of Tabel 3: "2023" over the four columns that have it.
        Assert.Contains("<th scope=\"colgroup\" colspan=\"4\">2023</th>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"total\"><th scope=\"row\">Totaal</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_Document_HasTheTables()
    {
        var key = (string)placement["document"]!;
        var json = JsonNode.Parse(await server.Client.GetStringAsync($"/api/document?key={Uri.EscapeDataString(key)}"))!;
        var tables = json["tables"]!.AsArray();
        Assert.Equal(placement["answerOf"]!.AsObject().Select(a => (a.Key, (int)a.Value!)), tables.Select(t => ((string)t!["caption"]!, (int)t["number"]!)));
        Assert.All(tables, t => Assert.Equal("answer", (string)t!["section"]!));
    }

    [Fact]
    public async Task DocumentPage_WithoutTables_HasNone()
    {
        var response = await server.Client.GetAsync("/document?key=nothing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Each body column's header levels joined outer to inner with " / ", read from the header rows and their spans.</summary>
    private static List<string> ColumnLabels(XElement head)
    {
        var levels = new List<List<string>>();
        foreach (var row in head.Elements("tr"))
        {
            var cells = new List<string>();
            foreach (var th in row.Elements("th"))
            {
                var span = (int?)th.Attribute("colspan") ?? 1;
                cells.AddRange(Enumerable.Repeat(th.Value, span));
            }

            levels.Add(cells);
        }

        return [.. Enumerable.Range(0, levels[0].Count).Select(c => string.Join(" / ", levels.Select(l => l[c]).Where(t => t.Length > 0)))];
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }
}
