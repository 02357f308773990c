using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using QaIngest.Figures;
using QaIngest.Parse;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// The search index: one SQLite database (<c>DATA/qaingest.db</c>, WAL mode, so searches run while
/// a run writes) holding documents, items (every preamble, question and answer with its written
/// question's metadata), figures, and an FTS5 table over text analysed by <see cref="DutchAnalyzer"/>.
/// A vocabulary of indexed terms with a trigram index reaches compound words through their parts.
/// One instance is one connection: use it from one thread at a time.
/// </summary>
public sealed partial class SearchIndex : IDisposable
{
    public const string FileName = "qaingest.db";

    private readonly SqliteConnection connection;

    private SearchIndex(SqliteConnection connection) => this.connection = connection;

    /// <summary>The database file.</summary>
    public required string Path { get; init; }

    /// <summary>Opens (and creates when <paramref name="create"/>) the index in a data directory.</summary>
    /// <exception cref="IndexUnavailableException">The directory or database cannot be used; the message says why in one line.</exception>
    public static SearchIndex Open(string dataDirectory, bool create)
    {
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        if (!create && !File.Exists(path))
        {
            throw new IndexUnavailableException(Directory.Exists(dataDirectory)
                ? $"no index in {dataDirectory} (run 'qaingest index' first)"
                : $"data directory {dataDirectory} does not exist (run 'qaingest index' first)");
        }

        if (create)
        {
            EnsureWritableDirectory(dataDirectory);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;" + (create ? IndexSchema.Create : string.Empty);
            command.ExecuteNonQuery();
            if (!create)
            {
                command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'items_fts'";
                if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                {
                    throw new IndexUnavailableException($"{path} is not a QaIngest index");
                }
            }
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IndexUnavailableException($"{path}: {e.Message.Split('\n')[0]}");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SearchIndex(connection) { Path = path };
    }

    private static void EnsureWritableDirectory(string directory)
    {
        try
        {
            if (File.Exists(directory))
            {
                throw new IndexUnavailableException($"data directory {directory} is a file");
            }

            Directory.CreateDirectory(directory);
            var probe = System.IO.Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IndexUnavailableException($"data directory {directory} is not writable: {e.Message}");
        }
    }

    /// <summary>Adds a document, replacing any document with the same key, in one transaction.</summary>
    public void Add(IndexedDocument document)
    {
        using var transaction = connection.BeginTransaction();
        RemoveCore(document.Key, transaction);
        var q = document.Question;
        var documentId = Insert(
            transaction,
            "INSERT INTO documents(key, source, content_hash, number, date, year, asker, minister, minister_title, title, indexed_at) VALUES ($k, $s, $h, $n, $d, $y, $a, $m, $mt, $t, $at) RETURNING id",
            ("$k", document.Key), ("$s", document.Source), ("$h", document.ContentHash), ("$n", q.Number),
            ("$d", q.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$y", q.Date?.Year),
            ("$a", q.Asker), ("$m", q.Minister), ("$mt", q.MinisterTitle), ("$t", q.Title),
            ("$at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));

        var title = Analysed(q.Title);
        var asker = Analysed(q.Asker);
        var minister = Analysed(q.Minister);
        foreach (var item in ItemsOf(q))
        {
            var figures = document.Figures.Where(f => SameItem(f.Location, item.Section, item.Number)).ToList();
            var maxAmount = figures.Where(f => f.IsMoney).Select(f => (double?)f.Value).Max();
            var itemId = Insert(
                transaction,
                "INSERT INTO items(document_id, section, number, text, max_amount) VALUES ($d, $s, $n, $t, $m) RETURNING id",
                ("$d", documentId), ("$s", SectionName(item.Section)), ("$n", item.Number), ("$t", item.Text), ("$m", maxAmount));
            var body = DutchAnalyzer.Analyze(item.Text);
            Execute(
                transaction,
                "INSERT INTO items_fts(rowid, title, body, context, parts, asker, minister) VALUES ($id, $ti, $b, $c, $p, $a, $m)",
                ("$id", itemId), ("$ti", title.Whole), ("$b", Join(body, parts: false)), ("$c", Analysed(item.Context).Whole),
                ("$p", Join(body, parts: true)), ("$a", asker.Whole), ("$m", minister.Whole));
            AddVocabulary(transaction, body);
            foreach (var f in figures)
            {
                InsertFigure(transaction, documentId, itemId, f);
            }
        }

        transaction.Commit();
    }

    /// <summary>Removes a document and everything of it; returns whether it was there.</summary>
    public bool Remove(string key)
    {
        using var transaction = connection.BeginTransaction();
        var removed = RemoveCore(key, transaction);
        transaction.Commit();
        return removed;
    }

    /// <summary>The content hash stored for a key, or null when the key is not indexed.</summary>
    public string? ContentHashOf(string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT content_hash FROM documents WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    public IndexCounts Counts()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM items), (SELECT count(*) FROM figures), (SELECT count(*) FROM vocabulary WHERE count > 0)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new IndexCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public void Dispose() => connection.Dispose();

    private bool RemoveCore(string key, SqliteTransaction transaction)
    {
        using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = "SELECT id FROM documents WHERE key = $k";
        find.Parameters.AddWithValue("$k", key);
        if (find.ExecuteScalar() is not long documentId)
        {
            return false;
        }

        // The vocabulary counts go down by what the old items had put in.
        using var texts = connection.CreateCommand();
        texts.Transaction = transaction;
        texts.CommandText = "SELECT text FROM items WHERE document_id = $d";
        texts.Parameters.AddWithValue("$d", documentId);
        var old = new List<string>();
        using (var reader = texts.ExecuteReader())
        {
            while (reader.Read())
            {
                old.Add(reader.GetString(0));
            }
        }

        foreach (var text in old)
        {
            foreach (var term in DutchAnalyzer.Analyze(text).Where(t => !t.IsPart).Select(t => t.Term).Distinct())
            {
                Execute(transaction, "UPDATE vocabulary SET count = count - 1 WHERE term = $t", ("$t", term));
            }
        }

        Execute(transaction, "DELETE FROM items_fts WHERE rowid IN (SELECT id FROM items WHERE document_id = $d)", ("$d", documentId));
        Execute(transaction, "DELETE FROM figures WHERE document_id = $d", ("$d", documentId));
        Execute(transaction, "DELETE FROM items WHERE document_id = $d", ("$d", documentId));
        Execute(transaction, "DELETE FROM documents WHERE id = $d", ("$d", documentId));
        return true;
    }

    private void AddVocabulary(SqliteTransaction transaction, ImmutableArray<AnalyzedToken> tokens)
    {
        foreach (var term in tokens.Where(t => !t.IsPart && t.Term.Length >= 3 && !char.IsAsciiDigit(t.Term[0])).Select(t => t.Term).Distinct())
        {
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = "INSERT INTO vocabulary(term, count) VALUES ($t, 1) ON CONFLICT(term) DO UPDATE SET count = count + 1 RETURNING id, count";
            upsert.Parameters.AddWithValue("$t", term);
            using var reader = upsert.ExecuteReader();
            reader.Read();
            var (id, count) = (reader.GetInt64(0), reader.GetInt64(1));
            reader.Close();
            if (count == 1)
            {
                // New (or back from zero) terms enter the trigram index; a term is there at most once.
                Execute(transaction, "DELETE FROM vocabulary_trigrams WHERE rowid = $id", ("$id", id));
                Execute(transaction, "INSERT INTO vocabulary_trigrams(rowid, term) VALUES ($id, $t)", ("$id", id), ("$t", term));
            }
        }
    }

    private void InsertFigure(SqliteTransaction transaction, long documentId, long itemId, Figure f) =>
        Execute(
            transaction,
            "INSERT INTO figures(item_id, document_id, kind, value, range_end, currency, unit, per, text, sentence, qualifier, implied, section, number, part) "
            + "VALUES ($i, $d, $k, $v, $r, $c, $u, $p, $t, $s, $q, $im, $sec, $n, $part)",
            ("$i", itemId), ("$d", documentId), ("$k", f.Kind.ToString().ToLowerInvariant()), ("$v", (double)f.Value),
            ("$r", (double?)f.RangeEnd), ("$c", f.Currency), ("$u", f.Unit), ("$p", f.Per), ("$t", f.Text), ("$s", f.Sentence),
            ("$q", f.Qualifier), ("$im", f.Implied ? 1 : 0), ("$sec", SectionName(f.Location.Section)), ("$n", f.Location.Number), ("$part", f.Location.Part));

    private long Insert(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static (string Whole, string Parts) Analysed(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (string.Empty, string.Empty);
        }

        var tokens = DutchAnalyzer.Analyze(text);
        return (Join(tokens, parts: false), Join(tokens, parts: true));
    }

    private static string Join(ImmutableArray<AnalyzedToken> tokens, bool parts) =>
        string.Join(' ', tokens.Where(t => t.IsPart == parts).Select(t => t.Term));

    /// <summary>The searchable items of a written question; an answer carries its question as context.</summary>
    private static IEnumerable<(Section Section, int? Number, string Text, string? Context)> ItemsOf(WrittenQuestion q)
    {
        if (q.Preamble is not null)
        {
            yield return (Section.Preamble, null, q.Preamble, null);
        }

        foreach (var item in q.Questions)
        {
            yield return (Section.Question, item.Number, item.FullText, null);
        }

        if (q.AnswerPreamble is not null)
        {
            yield return (Section.AnswerPreamble, null, q.AnswerPreamble, null);
        }

        foreach (var item in q.Answers)
        {
            var question = q.Questions.FirstOrDefault(x => x.Number == item.Question);
            yield return (Section.Answer, item.Number, item.FullText, question?.FullText);
        }
    }

    private static bool SameItem(TextLocation location, Section section, int? number) =>
        location.Section == section && location.Number == number;

    internal static string SectionName(Section section) => section switch
    {
        Section.AnswerPreamble => "answerPreamble",
        _ => section.ToString().ToLowerInvariant(),
    };
}
