using System.Globalization;
using Microsoft.Data.Sqlite;
using QaIngest.Figures;
using QaIngest.Tables;

namespace QaIngest.Index;

/// <content>
/// The structured store of tables (issue 14): a row per table in <c>doc_tables</c> and a row per
/// non-empty body cell in <c>table_cells</c> (the whole grid: text cells and numbers without a unit
/// too, so an exported table is complete), with its table's place, its grid position, its row and
/// column labels, its table's caption and, for an annex sheet, the sheet ("bijlage 1, tabblad 4").
/// A table read back from flattened text (all its cells are figures) keeps its figures' rows only,
/// without a table index.
/// A number cell that is a figure (money, a percentage, a count) has the figure's kind and normalised
/// value. <c>figures</c> keeps a table figure's labels as well (<c>row_label</c>, <c>column_label</c>,
/// <c>table_name</c>): a search reads a hit's figures in one query, without a join to the cells; both
/// are written from the same figure in the same transaction. Keyed by the document key, so
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
            value REAL,
            currency TEXT,
            text TEXT NOT NULL,
            row_label TEXT,
            column_label TEXT,
            caption TEXT,
            sheet TEXT,
            table_index INTEGER,
            row_index INTEGER,
            column_index INTEGER);
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
        // The tables the source marks or lays out (HTML, DOCX, PDF, XLSX annex sheets); the figures of a
        // table read back from flattened text keep rows of their own below, without a table index.
        var tables = document.Question.Tables.IsDefault ? [] : document.Question.Tables;
        foreach (var table in tables)
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

        // Every table's grid: a number cell that is a figure takes the figure's kind and value (the unit
        // applied); a figure labelled as a table cell that no stored table holds keeps a row of its own.
        var labelled = document.Figures.Where(f => f.Row is not null).ToList();
        var taken = new bool[labelled.Count];
        var index = 0;
        foreach (var table in tables)
        {
            var location = table.Location ?? new Parse.TextLocation(Parse.Section.Annexes);
            foreach (var cell in table.Cells)
            {
                var at = -1;
                for (var i = 0; i < labelled.Count && at < 0 && cell.Kind is not TableCellKind.Text; i++)
                {
                    at = !taken[i] && IsCellFigure(labelled[i], cell, location) ? i : -1;
                }

                var figure = at >= 0 ? labelled[at] : null;
                if (at >= 0)
                {
                    taken[at] = true;
                }

                InsertCell(transaction, document.Key, location, figure, cell.Text, cell.RowLabel, cell.ColumnLabel, index, cell.Row, cell.Column,
                    figure?.Kind.ToString().ToLowerInvariant() ?? CellKindName(cell.Kind), figure is not null ? figure.Value : cell.Value, table.Caption, QaIngest.Figures.TableFigures.SheetName(table));
            }

            index++;
        }

        for (var i = 0; i < labelled.Count; i++)
        {
            if (!taken[i])
            {
                var f = labelled[i];
                InsertCell(transaction, document.Key, f.Location, f, f.Text, f.Row, f.Column, null, null, null, f.Kind.ToString().ToLowerInvariant(), f.Value, f.Table, f.Sheet);
            }
        }
    }

    /// <summary>The figure of a number cell: in the table's item, with the cell's labels and its digits.</summary>
    private static bool IsCellFigure(Figure figure, TableCell cell, Parse.TextLocation location) =>
        figure.Location == location && figure.Row == cell.RowLabel && (figure.Column ?? "") == cell.ColumnLabel
        && figure.Text.Contains(Digits(cell.Text), StringComparison.Ordinal);

    private static string Digits(string text)
    {
        var first = text.IndexOfAny("0123456789".ToCharArray());
        var last = text.LastIndexOfAny("0123456789".ToCharArray());
        return first < 0 ? text : text[first..(last + 1)];
    }

    private static string CellKindName(TableCellKind kind) => kind switch
    {
        TableCellKind.Percent => "percentage",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private void InsertCell(SqliteTransaction transaction, string key, Parse.TextLocation location, Figure? figure, string text, string? row, string? column,
        int? table, int? rowIndex, int? columnIndex, string kind, decimal? value, string? caption, string? sheet) =>
        Execute(transaction, """
            INSERT INTO table_cells(document_key, section, number, kind, value, currency, text, row_label, column_label, caption, sheet, table_index, row_index, column_index)
            VALUES ($k, $sec, $n, $kind, $v, $cur, $t, $row, $col, $cap, $sheet, $ti, $ri, $ci)
            """,
            ("$k", key), ("$sec", SectionName(location.Section)), ("$n", location.Number), ("$kind", kind),
            ("$v", value is { } v ? (double)v : null), ("$cur", figure?.Currency), ("$t", text), ("$row", row), ("$col", column), ("$cap", caption ?? ""), ("$sheet", sheet),
            ("$ti", table), ("$ri", rowIndex), ("$ci", columnIndex));

    /// <summary>
    /// A record written before the grid (issue 14's first store: one row per table figure, <c>value</c>
    /// required) gets the grid's columns and a nullable <c>value</c>: the table is rebuilt with its rows
    /// kept (they have no table, row or column index until their document is indexed again).
    /// </summary>
    internal static void MigrateTableCells(SqliteCommand command)
    {
        command.CommandText = "SELECT count(*) FROM pragma_table_info('table_cells') WHERE name = 'table_index'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
        {
            return;
        }

        const string Old = "document_key, section, number, kind, value, currency, text, row_label, column_label, caption, sheet";
        var create = TableSchema[TableSchema.IndexOf("CREATE TABLE IF NOT EXISTS table_cells(", StringComparison.Ordinal)..TableSchema.IndexOf("CREATE INDEX IF NOT EXISTS table_cells_key", StringComparison.Ordinal)]
            .Replace("IF NOT EXISTS table_cells(", "table_cells_grid(", StringComparison.Ordinal);
        command.CommandText = $"""
            SAVEPOINT table_cells_grid;
            {create}
            INSERT INTO table_cells_grid(id, {Old}) SELECT id, {Old} FROM table_cells;
            DROP TABLE table_cells;
            ALTER TABLE table_cells_grid RENAME TO table_cells;
            CREATE INDEX IF NOT EXISTS table_cells_key ON table_cells(document_key);
            CREATE INDEX IF NOT EXISTS table_cells_value ON table_cells(kind, value);
            RELEASE table_cells_grid;
            """;
        command.ExecuteNonQuery();
    }

    private void RemoveTables(string key, SqliteTransaction transaction)
    {
        Execute(transaction, "DELETE FROM table_cells WHERE document_key = $k", ("$k", key));
        Execute(transaction, "DELETE FROM doc_tables WHERE document_key = $k", ("$k", key));
        Execute(transaction, "DELETE FROM doc_annexes WHERE document_key = $k", ("$k", key));
    }

    /// <summary>The table figures (number cells that are amounts, percentages or counts, with their labels) of the store, largest first, for <c>amounts</c> and reports.</summary>
    public IReadOnlyList<(string Key, string Kind, decimal Value, string Text, string? Row, string? Column, string? Caption, string? Sheet)> TableFigures(int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document_key, kind, value, text, row_label, column_label, caption, sheet FROM table_cells WHERE value IS NOT NULL AND kind NOT IN ('text', 'number') ORDER BY value DESC LIMIT $l";
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
