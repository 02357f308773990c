using System.Globalization;
using System.IO;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using QaIngest.Parse;
using QaIngest.Search;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace QaIngest.Index;

/// <summary>
/// The index of a data directory: SQLite (<c>DATA/qaingest.db</c>, WAL) is the record of documents,
/// items and figures; a Lucene index (<c>DATA/index/</c>), derived from that record, finds and ranks
/// items, one Lucene document per item. One writer per data directory (the run's lock sees to it);
/// readers in this or other processes search through a <see cref="SearcherManager"/> and see each commit.
/// One instance is one SQLite connection: use it from one thread at a time.
/// </summary>
public sealed partial class SearchIndex : IDisposable
{
    public const string FileName = "qaingest.db";

    /// <summary>The Lucene index's folder inside the data directory.</summary>
    public const string LuceneFolder = "index";

    private readonly SqliteConnection connection;
    private readonly LuceneDirectory directory;
    private IndexWriter? writer;
    private SearcherManager? searchers;

    private readonly bool canWrite;

    // Whether the record's figures carry their table labels (see DetailsSchema.HasFigureLabels); once true, true.
    private bool hasFigureLabels;

    private SearchIndex(SqliteConnection connection, LuceneDirectory directory, bool canWrite)
    {
        this.connection = connection;
        this.directory = directory;
        this.canWrite = canWrite;
    }

    /// <summary>The database file.</summary>
    public required string Path { get; init; }

    /// <summary>The Lucene index folder.</summary>
    public required string LucenePath { get; init; }

    /// <summary>Opens (and creates when <paramref name="create"/>, which also makes this the data directory's writer) the index in a data directory.</summary>
    /// <exception cref="IndexUnavailableException">The directory or index cannot be used; the message says why in one line.</exception>
    public static SearchIndex Open(string dataDirectory, bool create)
    {
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        var lucenePath = System.IO.Path.Combine(dataDirectory, LuceneFolder);
        if (!create && !File.Exists(path))
        {
            throw new IndexUnavailableException(System.IO.Directory.Exists(dataDirectory)
                ? $"no index in {dataDirectory} (run 'qaingest index' first)"
                : $"data directory {dataDirectory} does not exist (run 'qaingest index' first)");
        }

        if (create)
        {
            EnsureWritableDirectory(dataDirectory);
        }

        var connection = OpenDatabase(path, create);
        LuceneDirectory? directory = null;
        try
        {
            if (!create && !System.IO.Directory.Exists(lucenePath))
            {
                throw new IndexUnavailableException($"no search index in {lucenePath} (run 'qaingest reindex --data {dataDirectory}')");
            }

            directory = FSDirectory.Open(lucenePath);
            var index = new SearchIndex(connection, directory, create) { Path = path, LucenePath = lucenePath };
            if (create)
            {
                // The writer opens on the first write (a run with nothing to do never takes it), or now:
                // when there is no Lucene index yet (readers then find an empty one from the start of
                // the first run, not from its first commit), or when documents of the record wait
                // for the Lucene index (a writer stopped before its commit).
                if (!DirectoryReader.IndexExists(directory) || index.HasPending())
                {
                    index.Writer();
                }
            }
            else if (!DirectoryReader.IndexExists(directory))
            {
                throw new IndexUnavailableException($"no search index in {lucenePath} (run 'qaingest reindex --data {dataDirectory}')");
            }

            return index;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LockObtainFailedException)
        {
            directory?.Dispose();
            connection.Dispose();
            throw new IndexUnavailableException($"{lucenePath}: {e.Message.Split('\n')[0]}");
        }
        catch
        {
            directory?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection OpenDatabase(string path, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // A reader (search, amounts, qaingest serve) cannot write the record even by mistake.
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;" + (create ? IndexSchema.Create + TableSchema + IndexSchema.Writing : string.Empty);
            command.ExecuteNonQuery();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'items'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                throw new IndexUnavailableException($"{path} is not a QaIngest index");
            }

            if (create)
            {
                // A database of the FTS5 index: its items learn which question an answer answers, its full-text tables go.
                command.CommandText = "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'question'";
                if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                {
                    command.CommandText = "ALTER TABLE items ADD COLUMN question INTEGER; "
                        + "UPDATE items SET question = number WHERE section = 'answer' AND EXISTS "
                        + "(SELECT 1 FROM items q WHERE q.document_id = items.document_id AND q.section = 'question' AND q.number = items.number)";
                    command.ExecuteNonQuery();
                }

                command.CommandText = IndexSchema.DropFullText;
                command.ExecuteNonQuery();
                DetailsSchema.Apply(command);
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

        return connection;
    }

    private static void EnsureWritableDirectory(string directory)
    {
        try
        {
            if (File.Exists(directory))
            {
                throw new IndexUnavailableException($"data directory {directory} is a file");
            }

            System.IO.Directory.CreateDirectory(directory);
            var probe = System.IO.Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IndexUnavailableException($"data directory {directory} is not writable: {e.Message}");
        }
    }

    /// <summary>
    /// The data directory's one <see cref="IndexWriter"/>: BM25, a RAM buffer of 64 MB, merges in
    /// the background. A writer killed with kill -9 leaves its lock file, which the next one takes
    /// (the lock is the operating system's, gone with the process); it starts at the last commit.
    /// </summary>
    private IndexWriter Writer(bool rebuildIfMissing = true)
    {
        if (writer is null)
        {
            var config = new IndexWriterConfig(ItemAnalyzer.Version, ItemAnalyzer.Instance)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = 64,
                Similarity = new BM25Similarity(),

                // Every commit (a batch of the pipeline) flushes a small segment; a search pays for every
                // segment (each query term is looked up in each), so few segments are kept: at most four
                // a tier, segments under 16 MB counted as 16 MB (about six segments for 300 MB, where
                // LogByteSizeMergePolicy left 22). Merges may join segments that are not neighbours:
                // a segment then holds several runs of growing item ids, which ItemWindowFilter reads.
                MergePolicy = new TieredMergePolicy { SegmentsPerTier = 4, FloorSegmentMB = 16 },
            };
            if (!canWrite)
            {
                throw new InvalidOperationException("this index was opened for reading");
            }

            var exists = DirectoryReader.IndexExists(directory);
            writer = new IndexWriter(directory, config);
            uncommitted = 0;
            if (!exists)
            {
                writer.Commit();
            }

            if (!exists || !HasVocabulary())
            {
                if (rebuildIfMissing && Counts(withTerms: false).Documents > 0)
                {
                    // A record written before the Lucene index existed (or whose index was deleted): derive it.
                    Reindex(null);
                }
            }

            if (writer is not null && HasPending())
            {
                RedoPending(writer);
            }
        }

        // Reindex and RedoPending drop the writer only when they throw.
        return writer ?? throw new InvalidOperationException("the Lucene writer was dropped");
    }

    /// <summary>
    /// Whether the table of words has words (or there is nothing to index): an index written before
    /// the table existed is derived again, in the current format, on its first write.
    /// </summary>
    private bool HasVocabulary()
    {
        using var command = Command(null, "SELECT EXISTS(SELECT 1 FROM vocabulary) OR NOT EXISTS(SELECT 1 FROM items)");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    private bool HasPending()
    {
        using var command = Command(null, "SELECT EXISTS(SELECT 1 FROM index_pending)");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>The searcher manager (opened on the first search): sees every commit, of this or another process.</summary>
    private SearcherManager Searchers()
    {
        // A search sees what this writer wrote.
        Commit();

        if (searchers is null && canWrite && !DirectoryReader.IndexExists(directory))
        {
            Writer();
        }

        searchers ??= new SearcherManager(directory, new Bm25SearcherFactory());

        // Looking for a new commit lists the folder and reads the commit file (about a tenth of a
        // short query's time): skipped while the folder is unchanged since the last look. A commit
        // adds a file, which changes the folder's time; a time this recent is not trusted (file
        // systems with coarse times), so a commit in the same tick is never missed.
        var changed = System.IO.Directory.GetLastWriteTimeUtc(LucenePath);
        if (changed != lastLook || DateTime.UtcNow - changed < TimeSpan.FromSeconds(2))
        {
            searchers.MaybeRefresh();
            lastLook = changed;
        }

        return searchers;
    }

    private DateTime lastLook = DateTime.MinValue;

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Removes a document and everything of it; returns whether it was there.</summary>
    public bool Remove(string key)
    {
        var index = Writer();
        using var transaction = connection.BeginTransaction();
        try
        {
            var removed = RemoveCore(key, transaction);
            index.DeleteDocuments(new Term(IndexFields.Key, key));
            transaction.Commit();
            CommitLucene(index);
            return removed;
        }
        catch
        {
            // Nothing uncommitted may stay with the writer (Dispose commits what it holds).
            writer = null;
            index.Rollback();
            throw;
        }
    }

    /// <summary>The content hash stored for a key, or null when the key is not indexed.</summary>
    public string? ContentHashOf(string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT content_hash FROM documents WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Documents, items and figures of the record; terms: the distinct terms of the items' text in the Lucene index.</summary>
    public IndexCounts Counts() => Counts(withTerms: true);

    private IndexCounts Counts(bool withTerms)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM items), (SELECT count(*) FROM figures)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new IndexCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), withTerms ? TermCount() : 0);
    }

    private long TermCount()
    {
        var manager = Searchers();
        var searcher = manager.Acquire();
        try
        {
            var terms = MultiFields.GetTerms(searcher.IndexReader, IndexFields.Body);
            if (terms is null)
            {
                return 0;
            }

            var count = 0L;
            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                count++;
            }

            return count;
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    public void Dispose()
    {
        searchers?.Dispose();
        if (writer is not null)
        {
            // What was written since the last Lucene commit is committed (a failed write drops the
            // writer); then the merges under way are finished and committed (the content is the
            // same, in fewer segments): the last flushed segments are left merged, not as a dozen
            // small ones, each with its own dictionary of terms. A kill meanwhile loses no document.
            try
            {
                CommitLucene(writer);
                writer.WaitForMerges();
                writer.Commit();
            }
            finally
            {
                writer.Rollback();
            }
        }

        directory.Dispose();
        connection.Dispose();
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

    /// <summary>The searchable items of a written question; an answer carries its question (number and text) as context.</summary>
    internal static IEnumerable<(Section Section, int? Number, string Text, int? Question, string? Context)> ItemsOf(WrittenQuestion q)
    {
        if (q.Preamble is not null)
        {
            yield return (Section.Preamble, null, q.Preamble, null, null);
        }

        foreach (var item in q.Questions)
        {
            yield return (Section.Question, item.Number, item.FullText, null, null);
        }

        if (q.AnswerPreamble is not null)
        {
            yield return (Section.AnswerPreamble, null, q.AnswerPreamble, null, null);
        }

        // A supplementary answer (AANVULLEND ANTWOORD after the first) is searched with the last answer, where
        // it stands in the text: the items of the first answer keep their text when a supplement arrives.
        var supplement = q.SupplementaryAnswers.IsDefaultOrEmpty ? null : string.Join('\n', q.SupplementaryAnswers.Select(a => a.FullText));
        for (var k = 0; k < q.Answers.Length; k++)
        {
            var item = q.Answers[k];
            var question = q.Questions.FirstOrDefault(x => x.Number == item.Question);
            var text = supplement is not null && k == q.Answers.Length - 1 ? item.FullText + "\n" + supplement : item.FullText;
            yield return (Section.Answer, item.Number, text, question?.Number, question?.FullText);
        }

        // Each sheet of an XLSX annex is an item of its own: its cells with their row and column labels (issue 14).
        foreach (var sheet in q.Tables.IsDefault ? [] : q.Tables.Where(t => t.Annex is not null && t.Location is not null))
        {
            yield return (Section.Annexes, sheet.Location!.Number, Tables.TableAttacher.SheetText(sheet), null, null);
        }
    }

    internal static bool SameItem(TextLocation location, Section section, int? number) =>
        location.Section == section && location.Number == number;

    /// <summary>The section's term in the index and in the query language's <c>section:</c> (lower case).</summary>
    internal static string SectionTerm(Section section) => SectionName(section).ToLowerInvariant();

    internal static string SectionName(Section section) => section switch
    {
        Section.AnswerPreamble => "answerPreamble",
        _ => section.ToString().ToLowerInvariant(),
    };
}
