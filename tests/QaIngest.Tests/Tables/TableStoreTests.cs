using Microsoft.Data.Sqlite;
using QaIngest.Index;

namespace QaIngest.Tests.Tables;

/// <summary>The store's table cells: a record written before the grid keeps its rows when it is opened for writing.</summary>
public sealed class TableStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("qaingest-table-store-").FullName;

    private string Database => Path.Combine(directory, SearchIndex.FileName);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Open_RecordOfTheFirstTableStore_KeepsItsCellsAndGainsTheGrid()
    {
        using (SearchIndex.Open(directory, create: true))
        {
        }

        // The first store of issue 14: one row per table figure, value required, no grid columns.
        Execute("""
            DROP TABLE table_cells;
            CREATE TABLE table_cells(
                id INTEGER PRIMARY KEY, document_key TEXT NOT NULL, section TEXT NOT NULL, number INTEGER,
                kind TEXT NOT NULL, value REAL NOT NULL, currency TEXT, text TEXT NOT NULL,
                row_label TEXT, column_label TEXT, caption TEXT, sheet TEXT);
            INSERT INTO table_cells(document_key, section, number, kind, value, currency, text, row_label, column_label, caption, sheet)
            VALUES ('old.pdf', 'answer', 3, 'money', 10874878, 'EUR', '10.874.878', 'Limburg', '2023', 'Tabel 3a', NULL);
            """);

        using (SearchIndex.Open(directory, create: true))
        {
        }

        var rows = Query("SELECT document_key, kind, value, row_label, column_label, caption, table_index, row_index, column_index FROM table_cells");
        var row = Assert.Single(rows);
        Assert.Equal(["old.pdf", "money", 10874878.0, "Limburg", "2023", "Tabel 3a", null, null, null], row);

        // A text cell has no value: the migrated table takes one.
        Execute("INSERT INTO table_cells(document_key, section, kind, value, text, table_index, row_index, column_index) VALUES ('new.pdf', 'answer', 'text', NULL, 'Azië', 0, 1, 2)");
        Assert.Equal(2, Query("SELECT id FROM table_cells").Count);
        Assert.Equal(2L, Query("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('table_cells_key', 'table_cells_value')")[0][0]);

        // Opened again, nothing changes.
        using (SearchIndex.Open(directory, create: true))
        {
        }

        Assert.Equal(2, Query("SELECT id FROM table_cells").Count);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<object?[]> Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
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
}
