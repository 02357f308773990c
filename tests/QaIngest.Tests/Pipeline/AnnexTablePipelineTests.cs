using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Index;
using QaIngest.Pipeline;
using QaIngest.Search;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Pipeline;

/// <summary>
/// Issue 14's acceptance through the whole pipeline: a question whose answer points at "bijlage 1,
/// tabblad 1" is fetched from the loopback stand-in with its XLSX annex; the annex's sheet becomes a
/// table, its cells figures with their row labels, and search finds the sheet by a cell's label.
/// </summary>
public sealed class AnnexTablePipelineTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("qaingest-annex-tables-").FullName;
    private StandInSite site = null!;

    public async Task InitializeAsync() =>
        site = await StandInSite.StartAsync(new StandInOptions
        {
            Synthetic = 10,
            Seed = 3,
            CorpusDirectory = Repo.File_("corpus"),
            SeedsDirectory = Repo.File_("seeds"),
        });

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Run_QuestionWithXlsxAnnex_SearchFindsTheSheetCellByItsLabel()
    {
        // Synthetic question 10 (link id 900010) has an annex; its sheet rows are months.
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
        var data = Path.Combine(root, "data");

        var report = await new PipelineRunner(PipelineDefinitionReader.ReadFile(pipeline).Definition!, new PipelineRunOptions { Data = data }).RunAsync();
        Assert.Equal(0, report.ExitCode);

        using var index = SearchIndex.Open(data, create: false);
        var (results, error) = index.Search(new SearchRequest("februari"));
        Assert.Null(error);
        var hit = Assert.Single(results!.Hits, h => h.Section == "annexes");
        Assert.Equal(1, hit.Number);
        Assert.Contains("februari", hit.Snippet, StringComparison.OrdinalIgnoreCase);

        // The sheet's cell is a figure of the annex item, with its row label, in the structured store.
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "qaingest.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value, row_label, sheet FROM table_cells WHERE row_label = 'februari'";
        using (var reader = command.ExecuteReader())
        {
            Assert.True(reader.Read(), "no table cell 'februari' in the store");

            // The stand-in's annex 950010 holds 950010 mod 991 for februari (MinimalXlsx rows).
            Assert.Equal(950_010 % 991, reader.GetDouble(0));
            Assert.Equal("bijlage 1, tabblad 1 (tabblad 1)", reader.GetString(2));
        }

        // The answer's reference "bijlage 1, tabblad 1" links to the sheet: the table names the answer.
        command.CommandText = "SELECT referenced_by FROM doc_tables WHERE sheet_number = 1 AND annex = 1";
        Assert.False(string.IsNullOrEmpty(command.ExecuteScalar() as string), "the sheet names no answer that refers to it");
    }
}
