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

    // Terms already in the trigram index; loaded on the first write.
    private HashSet<string>? knownTerms;

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
            command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;" + (create ? IndexSchema.Create + IndexSchema.Writing : string.Empty);
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
    public void Add(IndexedDocument document) => AddRange([document]);

    /// <summary>
    /// Adds documents in one transaction (each replaces any document with the same key); either all
    /// of them are in the index afterwards or none is.
    /// </summary>
    public void AddRange(IEnumerable<IndexedDocument> documents)
    {
        using var transaction = connection.BeginTransaction();
        using var writer = new DocumentWriter(this, transaction);
        try
        {
            // Analysis runs on the other cores while this thread writes: SQLite has one writer.
            foreach (var analysed in documents.AsParallel().AsOrdered().Select(Analyse))
            {
                if (writer.Exists(analysed.Document.Key))
                {
                    if (writer.TryRewriteInPlace(analysed))
                    {
                        continue;
                    }

                    RemoveCore(analysed.Document.Key, transaction, writer, analysed);
                }

                writer.Write(analysed);
            }

            writer.Flush();
            transaction.Commit();
        }
        catch
        {
            writer.Forget();
            throw;
        }
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
        command.CommandText = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM items), (SELECT count(*) FROM figures), (SELECT count(*) FROM terms)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new IndexCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public void Dispose() => connection.Dispose();

    /// <summary>
    /// Removes a document and takes its items out of the term counts. When it is being replaced
    /// (<paramref name="replacement"/>), an old item with the same title, text and context as a new
    /// one reuses the new one's terms instead of being analysed again, and the counts go down in the
    /// writer's per-transaction tally: re-indexing unchanged text costs no analysis and no count updates.
    /// </summary>
    private bool RemoveCore(string key, SqliteTransaction transaction, DocumentWriter? writer = null, AnalysedDocument? replacement = null)
    {
        using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = "SELECT id FROM documents WHERE key = $k";
        find.Parameters.AddWithValue("$k", key);
        if (find.ExecuteScalar() is not long documentId)
        {
            return false;
        }

        var reusable = new Dictionary<(string Text, string? Context), string[]>();
        foreach (var item in replacement?.Items ?? [])
        {
            reusable.TryAdd((item.Text, item.ContextText), item.DistinctTerms);
        }

        var analysed = new Dictionary<string, ImmutableArray<AnalyzedToken>>(StringComparer.Ordinal);
        ImmutableArray<AnalyzedToken> Tokens(string? text) =>
            text is null ? [] : analysed.TryGetValue(text, out var tokens) ? tokens : analysed[text] = DutchAnalyzer.Analyze(text);
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var texts = Command(transaction, "SELECT i.text, d.title, (SELECT q.text FROM items q WHERE q.document_id = i.document_id AND q.section = 'question' AND q.number = i.number AND i.section = 'answer') "
                   + "FROM items i JOIN documents d ON d.id = i.document_id WHERE i.document_id = $d", ("$d", documentId)))
        using (var reader = texts.ExecuteReader())
        {
            while (reader.Read())
            {
                var text = reader.GetString(0);
                var title = reader.IsDBNull(1) ? null : reader.GetString(1);
                var context = reader.IsDBNull(2) ? null : reader.GetString(2);
                IEnumerable<string> terms = replacement is not null && string.Equals(title, replacement.Document.Question.Title, StringComparison.Ordinal)
                                            && reusable.TryGetValue((text, context), out var known)
                    ? known
                    : Tokens(title).Concat(Tokens(text)).Concat(Tokens(context)).Select(t => t.Term).Distinct(StringComparer.Ordinal);
                foreach (var term in terms)
                {
                    removed[term] = removed.GetValueOrDefault(term) + 1;
                }
            }
        }

        if (writer is not null)
        {
            writer.Subtract(removed);
        }
        else
        {
            using var update = Command(transaction, "UPDATE term_items SET items = items - $n WHERE term = $t", ("$n", 0L), ("$t", string.Empty));
            update.Prepare();
            foreach (var (term, count) in removed)
            {
                update.Parameters["$n"].Value = count;
                update.Parameters["$t"].Value = term;
                update.ExecuteNonQuery();
            }
        }

        Execute(transaction, "DELETE FROM items_fts WHERE rowid IN (SELECT id FROM items WHERE document_id = $d)", ("$d", documentId));
        Execute(transaction, "DELETE FROM figures WHERE document_id = $d", ("$d", documentId));
        Execute(transaction, "DELETE FROM items WHERE document_id = $d", ("$d", documentId));
        Execute(transaction, "DELETE FROM documents WHERE id = $d", ("$d", documentId));
        return true;
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

    internal static (string Whole, string Parts) Analysed(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (string.Empty, string.Empty);
        }

        var tokens = DutchAnalyzer.Analyze(text);
        return (Join(tokens, parts: false), Join(tokens, parts: true));
    }

    internal static string Join(ImmutableArray<AnalyzedToken> tokens, bool parts) =>
        string.Join(' ', tokens.Where(t => t.IsPart == parts).Select(t => t.Term));

    /// <summary>The searchable items of a written question; an answer carries its question as context.</summary>
    internal static IEnumerable<(Section Section, int? Number, string Text, string? Context)> ItemsOf(WrittenQuestion q)
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

        // A supplementary answer (AANVULLEND ANTWOORD after the first) is searched with the last answer, where
        // it stands in the text: the items of the first answer keep their text when a supplement arrives.
        var supplement = q.SupplementaryAnswers.IsDefaultOrEmpty ? null : string.Join('\n', q.SupplementaryAnswers.Select(a => a.FullText));
        for (var k = 0; k < q.Answers.Length; k++)
        {
            var item = q.Answers[k];
            var question = q.Questions.FirstOrDefault(x => x.Number == item.Question);
            var text = supplement is not null && k == q.Answers.Length - 1 ? item.FullText + "\n" + supplement : item.FullText;
            yield return (Section.Answer, item.Number, text, question?.FullText);
        }
    }

    internal static bool SameItem(TextLocation location, Section section, int? number) =>
        location.Section == section && location.Number == number;

    internal static string SectionName(Section section) => section switch
    {
        Section.AnswerPreamble => "answerPreamble",
        _ => section.ToString().ToLowerInvariant(),
    };
}
