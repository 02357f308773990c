using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using QaIngest.Index;
using QaIngest.Pipeline;
using QaIngest.Search;

namespace QaIngest.Web;

/// <summary>
/// Reads documents, the context of hits and the saved searches' alerts from the data directory's
/// SQLite record through read-only connections (WAL: a pipeline writing at the same time is never
/// blocked and each read sees the last commit). Only the one database file of the data directory
/// is ever opened; keys and names from a request are SQL parameters, never paths. Thread-safe.
/// </summary>
public sealed partial class CorpusReader(string dataDirectory)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, SearchIndex.FileName),
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private readonly string databasePath = Path.Combine(dataDirectory, SearchIndex.FileName);

    [GeneratedRegex(@"\bvraag\s+(?:nr\.?|nummer)\s*(\d{1,5})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex QuestionReference();

    private SqliteConnection Open()
    {
        if (!File.Exists(databasePath))
        {
            throw new IndexUnavailableException($"no index in {dataDirectory} yet (run a pipeline first)");
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IndexUnavailableException($"{databasePath}: {e.Message.Split('\n')[0]}");
        }

        return connection;
    }

    /// <summary>A document by its key (or, failing that, by its source, which is what a search hit names), or null.</summary>
    public DocumentView? Document(string key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        var found = Header(command, "key", key) ?? Header(command, "source", key);
        if (found is not { } header)
        {
            return null;
        }

        var (id, document) = header;
        var figures = new Dictionary<long, List<HitFigure>>();
        command.CommandText = "SELECT item_id, kind, value, currency, unit, per, text, qualifier, part FROM figures WHERE document_id = $d AND item_id IS NOT NULL ORDER BY id";
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$d", id);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var item = reader.GetInt64(0);
                if (!figures.TryGetValue(item, out var list))
                {
                    figures[item] = list = [];
                }

                list.Add(new HitFigure(reader.GetString(1), (decimal)reader.GetDouble(2), String(reader, 3), String(reader, 4), String(reader, 5), reader.GetString(6), String(reader, 7), String(reader, 8)));
            }
        }

        var items = ImmutableArray.CreateBuilder<ItemView>();
        command.CommandText = "SELECT id, section, number, question, text FROM items WHERE document_id = $d ORDER BY id";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(new ItemView(reader.GetString(1), Int(reader, 2), Int(reader, 3), reader.GetString(4), [.. figures.GetValueOrDefault(reader.GetInt64(0)) ?? []]));
            }
        }

        var numbers = items.SelectMany(i => QuestionReference().Matches(i.Text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)))
            .Where(n => n != document.Number).Distinct().Order().ToList();
        var references = ImmutableArray.CreateBuilder<DocumentReference>();
        command.CommandText = "SELECT key FROM documents WHERE number = $n LIMIT 2";
        foreach (var number in numbers)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$n", number);
            var keys = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }

            references.Add(new DocumentReference(number, keys.Count == 1 ? keys[0] : null));
        }

        return document with { Items = items.ToImmutable(), References = references.ToImmutable(), Tables = Tables(command, document.Key), Annexes = Annexes(command, document.Key) };
    }

    /// <summary>A document's annexes in its order; an address that is not http(s) (a local file) is left out.</summary>
    private static ImmutableArray<AnnexView> Annexes(SqliteCommand command, string key)
    {
        if (!HasTable(command, "doc_annexes"))
        {
            return [];
        }

        command.Parameters.Clear();
        command.Parameters.AddWithValue("$k", key);
        command.CommandText = "SELECT title, url FROM doc_annexes WHERE document_key = $k ORDER BY position";
        using var reader = command.ExecuteReader();
        var annexes = ImmutableArray.CreateBuilder<AnnexView>();
        while (reader.Read())
        {
            var url = reader.GetString(1);
            if (Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                annexes.Add(new AnnexView(String(reader, 0), address.AbsoluteUri));
            }
        }

        return annexes.ToImmutable();
    }

    /// <summary>
    /// A document's tables from the store: each table's number cells are the ones of its item with
    /// its caption and sheet; rows and columns come in the order their cells were read (row by row).
    /// </summary>
    private static ImmutableArray<TableView> Tables(SqliteCommand command, string key)
    {
        if (!HasTable(command, "doc_tables"))
        {
            return [];
        }

        command.Parameters.Clear();
        command.Parameters.AddWithValue("$k", key);
        command.CommandText = "SELECT section, number, caption, row_label, column_label, text FROM table_cells WHERE document_key = $k ORDER BY id";
        var cells = new Dictionary<(string, int?, string?), List<TableCellView>>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var where = (reader.GetString(0), Int(reader, 1), String(reader, 2));
                if (!cells.TryGetValue(where, out var list))
                {
                    cells[where] = list = [];
                }

                list.Add(new TableCellView(String(reader, 3) ?? string.Empty, String(reader, 4) ?? string.Empty, reader.GetString(5)));
            }
        }

        command.CommandText = "SELECT section, number, caption, sheet, annex, sheet_number, unit, totals_row FROM doc_tables WHERE document_key = $k ORDER BY position";
        var found = new List<(string Section, int? Number, string? Caption, string? Sheet, int? Annex, int? SheetNumber, string? Unit, string? TotalsRow)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                found.Add((reader.GetString(0), Int(reader, 1), String(reader, 2), String(reader, 3), Int(reader, 4), Int(reader, 5), String(reader, 6), String(reader, 7)));
            }
        }

        var tables = ImmutableArray.CreateBuilder<TableView>();
        foreach (var t in found)
        {
            // A table's cells are those of its item with its caption (two tables of one item with the same
            // caption cannot be told apart: the first gets them); the only table of an item (an annex
            // sheet, whose cells name the sheet's title instead) gets all of the item's.
            var own = cells.Remove((t.Section, t.Number, t.Caption), out var list) ? list : [];
            if (own.Count == 0 && found.Count(o => o.Section == t.Section && o.Number == t.Number) == 1)
            {
                foreach (var other in cells.Keys.Where(k => k.Item1 == t.Section && k.Item2 == t.Number).ToList())
                {
                    own.AddRange(cells[other]);
                    cells.Remove(other);
                }
            }

            var (rows, columns) = Order(own);
            tables.Add(new TableView(t.Caption, t.Section, t.Number, t.Annex, t.SheetNumber, t.Sheet, t.Unit, t.TotalsRow, columns, rows, [.. own]));
        }

        return tables.ToImmutable();
    }

    /// <summary>
    /// Rows and columns in the table's order. Cells are stored row by row, but a figure of the answer's
    /// text that a cell repeats ("136 miljoen euro (135.978.428,43 euro)" above the table) is stored
    /// before them: so a row's place is that of its last cell, and the columns come in the order the
    /// rows, taken in that order, first use them.
    /// </summary>
    private static (ImmutableArray<string> Rows, ImmutableArray<string> Columns) Order(List<TableCellView> cells)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            last[cells[i].Row] = i;
        }

        var rows = last.OrderBy(r => r.Value).Select(r => r.Key).ToImmutableArray();
        var columns = rows.SelectMany(r => cells.Where(c => c.Row == r).Select(c => c.Column)).Distinct(StringComparer.Ordinal).ToImmutableArray();
        return (rows, columns);
    }

    private static bool HasTable(SqliteCommand command, string name)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$t", name);
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>For each hit (in order), its document's key and, for an answer, the question it answers: two SQLite queries for the whole page, not two per hit.</summary>
    public ImmutableArray<HitContext> Contexts(IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count == 0)
        {
            return [];
        }

        using var connection = Open();
        using var command = connection.CreateCommand();

        // Keys are the sources for files and links (the unique index on key); the source column is the fallback.
        var sources = JsonSerializer.Serialize(hits.Select(h => h.Source).Distinct(StringComparer.Ordinal).ToArray());
        command.CommandText = "SELECT d.id, d.key, d.source FROM documents d WHERE d.key IN (SELECT value FROM json_each($s))";
        command.Parameters.AddWithValue("$s", sources);
        var documents = new Dictionary<string, (long Id, string Key)>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                documents[reader.GetString(1)] = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        var missing = hits.Select(h => h.Source).Where(s => !documents.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            command.CommandText = "SELECT d.id, d.key, d.source FROM documents d WHERE d.source IN (SELECT value FROM json_each($s)) ORDER BY d.id";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$s", JsonSerializer.Serialize(missing));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                documents.TryAdd(reader.GetString(2), (reader.GetInt64(0), reader.GetString(1)));
            }
        }

        // The question each answer on the page answers, in one query over the page's (document, answer number) pairs.
        var answers = hits.Where(h => h.Section == "answer" && h.Number is not null && documents.ContainsKey(h.Source))
            .Select(h => new[] { documents[h.Source].Id, (long)h.Number!.Value }).ToArray();
        var questions = new Dictionary<(long Document, int Answer), (int? Number, string Text)>();
        if (answers.Length > 0)
        {
            command.CommandText = "SELECT a.document_id, a.number, q.number, q.text FROM json_each($p) p "
                + "JOIN items a ON a.document_id = json_extract(p.value, '$[0]') AND a.section = 'answer' AND a.number = json_extract(p.value, '$[1]') "
                + "JOIN items q ON q.document_id = a.document_id AND q.section = 'question' AND q.number = a.question";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$p", JsonSerializer.Serialize(answers));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                questions.TryAdd((reader.GetInt64(0), reader.GetInt32(1)), (Int(reader, 2), reader.GetString(3)));
            }
        }

        var result = ImmutableArray.CreateBuilder<HitContext>(hits.Count);
        foreach (var hit in hits)
        {
            var found = documents.TryGetValue(hit.Source, out var document);
            var question = found && hit.Section == "answer" && hit.Number is { } n && questions.TryGetValue((document.Id, n), out var q) ? q : ((int?)null, (string?)null);
            result.Add(new HitContext(found ? document.Key : null, question.Item1, question.Item2));
        }

        return result.MoveToImmutable();
    }

    private static (long Id, DocumentView Document)? Header(SqliteCommand command, string column, string value)
    {
        // The column is one of two constants, never text from a request.
        command.CommandText = $"SELECT id, key, source, number, date, asker, minister, minister_title, title FROM documents WHERE {(column == "key" ? "key" : "source")} = $k LIMIT 1";
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$k", value);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), new DocumentView(reader.GetString(1), reader.GetString(2), Int(reader, 3), Date(reader, 4), String(reader, 5), String(reader, 6), String(reader, 7), String(reader, 8), [], []))
            : null;
    }

    /// <summary>The saved searches that have made alerts, by name.</summary>
    public ImmutableArray<SavedSearchView> SavedSearches()
    {
        using var connection = Open();
        if (!HasAlerts(connection))
        {
            return [];
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT search, count(*), max(created_at), (SELECT entry FROM alerts b WHERE b.search = a.search ORDER BY id DESC LIMIT 1) FROM alerts a GROUP BY search ORDER BY search";
        using var reader = command.ExecuteReader();
        var searches = ImmutableArray.CreateBuilder<SavedSearchView>();
        while (reader.Read())
        {
            var item = JsonSerializer.Deserialize<SavedSearchAlerts.AlertItem>(reader.GetString(3), PipelineJson.OneLine);
            searches.Add(new SavedSearchView(reader.GetString(0), item?.Query ?? string.Empty, reader.GetInt64(1), Timestamp(reader.GetString(2))));
        }

        return searches.ToImmutable();
    }

    /// <summary>A saved search's newest alerts (newest first), or null when no search of that name has alerted.</summary>
    public ImmutableArray<(DateTimeOffset CreatedAt, SavedSearchAlerts.AlertItem Item)>? Alerts(string name, int limit)
    {
        using var connection = Open();
        if (!HasAlerts(connection))
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at, entry FROM alerts WHERE search = $s ORDER BY id DESC LIMIT $l";
        command.Parameters.AddWithValue("$s", name);
        command.Parameters.AddWithValue("$l", limit);
        using var reader = command.ExecuteReader();
        var alerts = ImmutableArray.CreateBuilder<(DateTimeOffset, SavedSearchAlerts.AlertItem)>();
        while (reader.Read())
        {
            if (JsonSerializer.Deserialize<SavedSearchAlerts.AlertItem>(reader.GetString(1), PipelineJson.OneLine) is { } item)
            {
                alerts.Add((Timestamp(reader.GetString(0)), item));
            }
        }

        return alerts.Count == 0 ? null : alerts.ToImmutable();
    }

    private static bool HasAlerts(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alerts'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static DateTimeOffset Timestamp(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : DateTimeOffset.UnixEpoch;

    private static string? String(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static int? Int(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

    private static DateOnly? Date(SqliteDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : DateOnly.TryParseExact(reader.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
