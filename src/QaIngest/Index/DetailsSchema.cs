using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QaIngest.Index;

/// <summary>
/// The parts of the record added for researchers (schema version 3): a document's answer kind,
/// themes, ministers, warnings and source URL, what an answer covers, the years of a
/// figure, and the figures' consistency checks. Added to a database of an older version in place;
/// the pipeline redoes the index stage of every document (the version changed), which fills them.
/// </summary>
internal static class DetailsSchema
{
    /// <summary>The columns added to the tables of version 2, all nullable.</summary>
    private static readonly (string Table, string Column, string Type)[] Columns =
    [
        ("documents", "answer_kind", "TEXT"),
        ("documents", "theme", "TEXT"),
        ("documents", "ministers", "TEXT"),
        ("documents", "minister_numbers", "TEXT"),
        ("documents", "warnings", "TEXT"),
        ("documents", "source_url", "TEXT"),
        ("items", "covers", "TEXT"),
        ("figures", "years", "TEXT"),

        // A table cell's labels, read with the figure by a search (issue 14; index stage version 4).
        ("figures", "row_label", "TEXT"),
        ("figures", "column_label", "TEXT"),
        ("figures", "table_name", "TEXT"),
    ];

    /// <summary>True when the record has the figures' table labels (written by index stage version 4 or later).</summary>
    public static bool HasFigureLabels(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info('figures') WHERE name = 'table_name'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private const string Checks = """
        CREATE TABLE IF NOT EXISTS checks(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            section TEXT NOT NULL,
            number INTEGER,
            part TEXT,
            total REAL NOT NULL,
            total_text TEXT NOT NULL,
            computed REAL NOT NULL,
            holds INTEGER NOT NULL,
            parts TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS checks_document ON checks(document_id);
        """;

    /// <summary>Adds what is missing (a new database gets it all here too, so the schema is written once).</summary>
    public static void Apply(SqliteCommand command)
    {
        foreach (var (table, column, type) in Columns)
        {
            command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                command.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
                command.ExecuteNonQuery();
            }
        }

        command.CommandText = Checks;
        command.ExecuteNonQuery();
        SearchIndex.MigrateTableCells(command);
    }
}
