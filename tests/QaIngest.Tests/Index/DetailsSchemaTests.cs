using Microsoft.Data.Sqlite;
using QaIngest.Export;
using QaIngest.Index;

namespace QaIngest.Tests.Index;

/// <summary>A record of schema version 2 (before answer kinds and themes were stored) is brought up to version 3 in place by the first writer.</summary>
public sealed class DetailsSchemaTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("qaingest-schema-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Open_VersionTwoRecord_AddsTheDetailColumnsAndKeepsTheRows()
    {
        var database = Path.Combine(data, SearchIndex.FileName);
        Execute(database, IndexSchema.Create + "INSERT INTO documents(key, source, indexed_at) VALUES ('old', 'old.txt', '2026-01-01');");

        // A reader cannot export it yet, and says why.
        var error = await Assert.ThrowsAsync<ExportException>(() => Exporter.ExportAsync(database, Path.Combine(data, "out"), ExportFormat.Csv));
        Assert.Contains("schema version 3", error.Message, StringComparison.Ordinal);

        using (SearchIndex.Open(data, create: true))
        {
        }

        var columns = Query(database, "SELECT name FROM pragma_table_info('documents') UNION ALL SELECT name FROM pragma_table_info('items') UNION ALL SELECT name FROM pragma_table_info('figures')");
        Assert.Contains("answer_kind", columns);
        Assert.Contains("theme", columns);
        Assert.Contains("covers", columns);
        Assert.Contains("years", columns);
        Assert.Contains("checks", Query(database, "SELECT name FROM sqlite_master WHERE type = 'table'"));
        Assert.Equal(["old"], Query(database, "SELECT key FROM documents"));
        var report = await Exporter.ExportAsync(database, Path.Combine(data, "out"), ExportFormat.Csv);
        Assert.Equal(1, report.Tables.Single(t => t.Name == "documents").Rows);
    }

    [Fact]
    public void Search_RecordWithoutTheFiguresTableLabels_FindsTheFiguresUnlabelledUntilAWriterAddsTheColumns()
    {
        using (var writer = SearchIndex.Open(data, create: true))
        {
            writer.Add(SeedIndex.Load(Path.Combine(Repo.Root, "seeds", "001_98b0514b58b8ebbf.txt")));
        }

        // A record written by index stage version 3: the figures have no table labels.
        var database = Path.Combine(data, SearchIndex.FileName);
        Execute(database, "ALTER TABLE figures DROP COLUMN row_label; ALTER TABLE figures DROP COLUMN column_label; ALTER TABLE figures DROP COLUMN table_name;");

        using (var reader = SearchIndex.Open(data, create: false))
        {
            var (results, error) = reader.Search(new QaIngest.Search.SearchRequest("RIZIV budget 2021"));

            Assert.Null(error);
            var hit = results!.Hits[0];
            Assert.Equal(("answer", 8), (hit.Section, hit.Number));
            Assert.Contains(hit.Figures, f => f.Value == 24_000_000m && f.Row is null && f.Table is null);
        }

        using (SearchIndex.Open(data, create: true))
        {
        }

        Assert.Contains("table_name", Query(database, "SELECT name FROM pragma_table_info('figures')"));
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Query(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
