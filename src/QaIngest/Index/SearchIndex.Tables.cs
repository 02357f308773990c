using System.Globalization;
using Microsoft.Data.Sqlite;
using QaIngest.Figures;

namespace QaIngest.Index;

/// <content>
/// The structured store of tables (issue 14): a row per table in <c>doc_tables</c> and a row per
/// number cell (a table figure) in <c>table_cells</c>, with its row and column labels, its table's
/// caption and, for an annex sheet, the sheet ("bijlage 1, tabblad 4"). Keyed by the document key, so
/// a document rewritten in place or replaced gets its tables replaced in the same transaction.
/// The annexes a document lists (title, link) are kept beside them in <c>doc_annexes</c>.
/// </content>
public sealed partial class SearchIndex
{
    internal const string TableSchema = """
        CREATE TABLE IF NOT EXISTS doc_tables(
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL,
            position INTEGER NOT NULL,
            caption TEXT,
            sheet TEXT,
            annex INTEGER,
            sheet_number INTEGER,
            section TEXT NOT NULL,
            number INTEGER,
            unit TEXT,
            totals_row TEXT,
            totals_column TEXT,
            structured INTEGER NOT NULL,
            rows INTEGER NOT NULL,
            referenced_by TEXT);
        CREATE INDEX IF NOT EXISTS doc_tables_key ON doc_tables(document_key);
        CREATE TABLE IF NOT EXISTS table_cells(
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL,
            section TEXT NOT NULL,
            number INTEGER,
            kind TEXT NOT NULL,
            value REAL NOT NULL,
            currency TEXT,
            text TEXT NOT NULL,
            row_label TEXT,
            column_label TEXT,
            caption TEXT,
            sheet TEXT);
        CREATE INDEX IF NOT EXISTS table_cells_key ON table_cells(document_key);
        CREATE INDEX IF NOT EXISTS table_cells_value ON table_cells(kind, value);
        CREATE TABLE IF NOT EXISTS doc_annexes(
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL,
            position INTEGER NOT NULL,
            title TEXT,
            url TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS doc_annexes_key ON doc_annexes(document_key);
        """;

    /// <summary>Replaces a document's tables and table figures in the store (inside the caller's transaction).</summary>
    private void WriteTables(IndexedDocument document, SqliteTransaction transaction)
    {
        RemoveTables(document.Key, transaction);
        var position = 0;
        foreach (var table in document.Question.Tables.IsDefault ? [] : document.Question.Tables)
        {
            Execute(transaction, """
                INSERT INTO doc_tables(document_key, position, caption, sheet, annex, sheet_number, section, number, unit, totals_row, totals_column, structured, rows, referenced_by)
                VALUES ($k, $p, $c, $s, $a, $sn, $sec, $n, $u, $tr, $tc, $st, $r, $ref)
                """,
                ("$k", document.Key), ("$p", position++), ("$c", table.Caption), ("$s", table.Sheet), ("$a", table.Annex), ("$sn", table.SheetNumber),
                ("$sec", SectionName(table.Location?.Section ?? Parse.Section.Annexes)), ("$n", table.Location?.Number), ("$u", table.Unit),
                ("$tr", table.TotalsRow), ("$tc", table.TotalsColumn), ("$st", table.Structured ? 1 : 0), ("$r", table.RowCount),
                ("$ref", table.ReferencedBy.IsDefaultOrEmpty ? null : string.Join(",", table.ReferencedBy.Select(n => n.ToString(CultureInfo.InvariantCulture)))));
        }

        // The annexes the document lists (title and the parliament's link), for its page (issue 15).
        var annex = 0;
        foreach (var a in document.Question.Annexes.IsDefault ? [] : document.Question.Annexes)
        {
            Execute(transaction, "INSERT INTO doc_annexes(document_key, position, title, url) VALUES ($k, $p, $t, $u)",
                ("$k", document.Key), ("$p", annex++), ("$t", a.Title), ("$u", a.Url));
        }

        foreach (var f in document.Figures.Where(f => f.Row is not null))
        {
            Execute(transaction, """
                INSERT INTO table_cells(document_key, section, number, kind, value, currency, text, row_label, column_label, caption, sheet)
                VALUES ($k, $sec, $n, $kind, $v, $cur, $t, $row, $col, $cap, $sheet)
                """,
                ("$k", document.Key), ("$sec", SectionName(f.Location.Section)), ("$n", f.Location.Number), ("$kind", f.Kind.ToString().ToLowerInvariant()),
                ("$v", (double)f.Value), ("$cur", f.Currency), ("$t", f.Text), ("$row", f.Row), ("$col", f.Column), ("$cap", f.Table), ("$sheet", f.Sheet));
        }
    }

    private void RemoveTables(string key, SqliteTransaction transaction)
    {
        Execute(transaction, "DELETE FROM table_cells WHERE document_key = $k", ("$k", key));
        Execute(transaction, "DELETE FROM doc_tables WHERE document_key = $k", ("$k", key));
        Execute(transaction, "DELETE FROM doc_annexes WHERE document_key = $k", ("$k", key));
    }

    /// <summary>The table figures (cells with their labels) of the store, largest first, for <c>amounts</c> and reports.</summary>
    public IReadOnlyList<(string Key, string Kind, decimal Value, string Text, string? Row, string? Column, string? Caption, string? Sheet)> TableFigures(int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document_key, kind, value, text, row_label, column_label, caption, sheet FROM table_cells ORDER BY value DESC LIMIT $l";
        command.Parameters.AddWithValue("$l", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, decimal, string, string?, string?, string?, string?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), (decimal)reader.GetDouble(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }
}
