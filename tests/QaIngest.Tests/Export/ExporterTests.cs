using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Export;

namespace QaIngest.Tests.Export;

/// <summary>
/// The export of the default pipeline's record (seeds and the sample corpus of real texts) in each
/// format, read back by an independent reader and compared with the store row by row.
/// </summary>
public sealed class ExporterTests(ExportedCorpus corpus) : IClassFixture<ExportedCorpus>, IDisposable
{
    private readonly string to = Directory.CreateTempSubdirectory("qaingest-export-").FullName;

    private static JsonElement Facts => JsonDocument.Parse(File.ReadAllText(Repo.Fixture("Export", "Fixtures", "export-facts.json"))).RootElement;

    public void Dispose() => Directory.Delete(to, recursive: true);

    [Theory]
    [InlineData(ExportFormat.Parquet)]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.JsonLines)]
    public async Task ExportAsync_DefaultPipeline_EveryDocumentItemFigureAndCheckOnceWithItsValues(ExportFormat format)
    {
        Assert.Equal(0, corpus.Report.ExitCode);

        var report = await Exporter.ExportAsync(corpus.Database, to, format);

        var documents = await Read(report, ExportTables.Documents, format);
        var items = await Read(report, ExportTables.Items, format);
        var figures = await Read(report, ExportTables.Figures, format);
        var checks = await Read(report, ExportTables.Checks, format);

        // Every row of the store once, with the store's values.
        var storedDocuments = Stored("SELECT key, number, date, title, asker, minister, theme, answer_kind FROM documents");
        Assert.Equal(storedDocuments.Count, documents.Count);
        Assert.Equal(storedDocuments.Select(d => (string)d[0]!).Order(StringComparer.Ordinal), documents.Select(d => (string)d["key"]!).Order(StringComparer.Ordinal));
        var byKey = documents.ToDictionary(d => (string)d["key"]!, StringComparer.Ordinal);
        foreach (var stored in storedDocuments)
        {
            var row = byKey[(string)stored[0]!];
            Assert.Equal(stored[1], row["number"]);
            Assert.Equal(stored[2] is string date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null, row["date"]);
            Assert.Equal(Text(stored[3]), Text(row["title"]));
            Assert.Equal(Text(stored[6]), Text(row["themes"]));
            Assert.Equal(stored[7], row["answer_kind"]);
        }

        var storedItems = Stored("SELECT i.id, d.key, i.section, i.number, i.text FROM items i JOIN documents d ON d.id = i.document_id");
        Assert.Equal(storedItems.Count, items.Count);
        Assert.Equal(items.Count, items.Select(i => (long)i["item_id"]!).Distinct().Count());
        var itemsById = items.ToDictionary(i => (long)i["item_id"]!);
        foreach (var stored in storedItems)
        {
            var row = itemsById[(long)stored[0]!];
            Assert.Equal(stored[1], row["document_key"]);
            Assert.Equal(stored[2], row["section"]);
            Assert.Equal(stored[3], row["number"]);
            Assert.Equal(Text(stored[4]), Text(row["text"]));
        }

        var storedFigures = Stored("SELECT f.id, d.key, f.item_id, f.kind, f.value, f.text, f.implied FROM figures f JOIN documents d ON d.id = f.document_id");
        Assert.Equal(storedFigures.Count, figures.Count);
        Assert.Equal(figures.Count, figures.Select(f => (long)f["figure_id"]!).Distinct().Count());
        var figuresById = figures.ToDictionary(f => (long)f["figure_id"]!);
        foreach (var stored in storedFigures)
        {
            var row = figuresById[(long)stored[0]!];
            Assert.Equal(stored[1], row["document_key"]);
            Assert.Equal(stored[2], row["item_id"]);
            Assert.Equal(stored[3], row["kind"]);
            Assert.Equal((double)stored[4]!, (double)row["value"]!);
            Assert.Equal(Text(stored[5]), Text(row["text"]));
            Assert.Equal((long)stored[6]! != 0, row["implied"]);
        }

        Assert.Equal(Stored("SELECT id FROM checks").Count, checks.Count);
        Assert.All(checks, c => Assert.IsType<bool>(c["holds"]));
        Assert.Equal(
            report.Tables.Select(t => t.Rows),
            new long[] { documents.Count, items.Count, figures.Count, checks.Count, (long)Stored("SELECT count(*) FROM doc_tables")[0][0]!, (long)Stored("SELECT count(*) FROM table_cells")[0][0]! });

        // The facts a person read in the documents.
        foreach (var expected in Facts.GetProperty("documents").EnumerateArray())
        {
            var row = byKey[expected.GetProperty("key").GetString()!];
            foreach (var property in expected.EnumerateObject())
            {
                Assert.Equal(Rendered(property.Value), Rendered(row[property.Name]));
            }
        }

        foreach (var expected in Facts.GetProperty("figures").EnumerateArray())
        {
            Assert.Contains(figures, f => expected.EnumerateObject().All(p => Rendered(p.Value) == Rendered(f[p.Name])));
        }
    }

    [Theory]
    [InlineData(ExportFormat.Parquet)]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.JsonLines)]
    public async Task ExportAsync_TableFixtures_EveryTableAndCellWithItsLabels_TextCellsToo(ExportFormat format)
    {
        string[] fixtures = ["t12-winwinlening.html", "t16-herintreders.pdf", "t05-blue-deal.pdf", "t09-naric-profiel.html"];
        var data = Path.Combine(to, "data");
        await QaIngest.Tests.Tables.TableCorpus.IndexAsync(data, fixtures);

        var report = await Exporter.ExportAsync(Path.Combine(data, QaIngest.Index.SearchIndex.FileName), Path.Combine(to, "out"), format);

        var tables = await Read(report, ExportTables.Tables, format);
        var cells = await Read(report, ExportTables.Cells, format);

        // Every cell the fixtures' hand-written files give (text and numbers without a unit too: the whole
        // grid), once, with its labels and its place in the grid, in its table.
        foreach (var fixture in fixtures)
        {
            var name = Path.GetFileNameWithoutExtension(fixture);
            using var expected = JsonDocument.Parse(File.ReadAllText(Repo.File_("corpus", "fixtures", "tables", $"{name}.expected.json")));
            var expectedTables = expected.RootElement.GetProperty("tables").EnumerateArray().ToList();
            var exported = tables.Where(t => (string)t["document_key"]! == fixture).ToList();
            Assert.Equal(expectedTables.Select(t => t.GetProperty("caption").GetString()), exported.Select(t => (string?)t["caption"]));
            foreach (var table in expectedTables)
            {
                var index = exported.Single(t => (string?)t["caption"] == table.GetProperty("caption").GetString())["table_index"];
                foreach (var cell in table.GetProperty("cells").EnumerateArray())
                {
                    var text = cell.GetProperty("text").GetString()!;
                    var kind = cell.GetProperty("kind").GetString();
                    var row = Assert.Single(cells, c => (string)c["document_key"]! == fixture && Equals(c["table_index"], index)
                        && (string?)c["row"] == cell.GetProperty("row").GetString() && (string?)c["column"] == cell.GetProperty("column").GetString()
                        && ((string)c["text"]!).StartsWith(text, StringComparison.Ordinal));
                    Assert.Equal(kind == "percent" ? "percentage" : kind, row["kind"]);
                    Assert.Equal(kind == "text", row["value"] is null);
                    Assert.NotNull(row["row_index"]);
                    Assert.NotNull(row["column_index"]);
                }
            }
        }
    }

    [Fact]
    public async Task ExportAsync_SelectedDocuments_WritesOnlyTheirRows()
    {
        var selected = Stored("SELECT id FROM documents WHERE theme LIKE '%Onderwijs%'").Select(r => (long)r[0]!).ToHashSet();

        var report = await Exporter.ExportAsync(corpus.Database, to, ExportFormat.JsonLines, selected);

        var documents = await Read(report, ExportTables.Documents, ExportFormat.JsonLines);
        var items = await Read(report, ExportTables.Items, ExportFormat.JsonLines);
        Assert.NotEmpty(selected);
        Assert.Equal(selected.Count, documents.Count);
        Assert.All(documents, d => Assert.Contains("Onderwijs", (string)d["themes"]!, StringComparison.Ordinal));
        var keys = documents.Select(d => (string)d["key"]!).ToHashSet(StringComparer.Ordinal);
        Assert.All(items, i => Assert.Contains((string)i["document_key"]!, keys));
        Assert.Equal(Stored("SELECT count(*) FROM items i JOIN documents d ON d.id = i.document_id WHERE d.theme LIKE '%Onderwijs%'")[0][0], (long)items.Count);
    }

    [Fact]
    public async Task ExportAsync_NoRecord_IsAnExportError()
    {
        var error = await Assert.ThrowsAsync<ExportException>(() => Exporter.ExportAsync(Path.Combine(to, "missing.db"), to, ExportFormat.Csv));

        Assert.Contains("no record", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<Dictionary<string, object?>>> Read(ExportReport report, ExportTable table, ExportFormat format) =>
        await ExportedTableReader.ReadAsync(report.Tables.Single(t => t.Name == table.Name).File, table, format);

    private List<object?[]> Stored(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={corpus.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    // CSV cannot tell an empty text from none.
    private static string? Text(object? value) => value is "" ? null : (string?)value;

    private static string? Rendered(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonElement e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        long l => ((double)l).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
