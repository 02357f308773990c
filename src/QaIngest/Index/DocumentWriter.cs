using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Index;

/// <content>Writing documents: the record in one SQLite transaction, then their Lucene documents, then both commits.</content>
public sealed partial class SearchIndex
{
    // Lucene documents are built and inverted on every core; the writer takes them from several threads.
    private readonly ConcurrentBag<LuceneDocuments> builders = [];

    // Words this process has put in the table of words (a cache: the table is what counts).
    private const int MaxKnownWords = 2_000_000;
    private readonly HashSet<string> knownWords = new(StringComparer.Ordinal);

    // Lucene commits are fewer than the record's: each commit flushes a segment (its terms' dictionary
    // built again, merged again later), which at a commit every 1,000 documents was most of the
    // indexing's allocations. Documents written since the last Lucene commit are listed in the record
    // (index_pending) and written again by the next writer if this one stops before committing.
    private const int CommitEveryDocuments = 20_000;
    private static readonly TimeSpan CommitEvery = TimeSpan.FromSeconds(60);
    private int uncommitted;
    private DateTime lastCommit = DateTime.UtcNow;

    /// <summary>
    /// Commits the Lucene index: what was written becomes visible to readers (searches commit first
    /// by themselves; a run's end and Dispose do too). The record was committed with each write.
    /// </summary>
    public void Commit()
    {
        if (writer is not null && uncommitted > 0)
        {
            CommitLucene(writer);
        }
    }

    /// <summary>The Lucene commit, then the record forgets the documents it was waiting for.</summary>
    private void CommitLucene(Lucene.Net.Index.IndexWriter index)
    {
        index.Commit();
        using var transaction = connection.BeginTransaction();
        Execute(transaction, "DELETE FROM index_pending");
        transaction.Commit();
        uncommitted = 0;
        lastCommit = DateTime.UtcNow;
    }

    /// <summary>Adds a document, replacing any document with the same key.</summary>
    public void Add(IndexedDocument document) => AddRange([document]);

    /// <summary>
    /// Adds documents (each replaces any document with the same key): the record in one SQLite
    /// transaction with the documents' keys in <c>index_pending</c>, every item's Lucene document
    /// updated by its document's key, then the SQLite commit; the Lucene commit follows every
    /// 20,000 documents or 60 seconds (and before a search, on <see cref="Commit"/> and Dispose).
    /// A kill before a Lucene commit leaves the record ahead of the Lucene index: the next writer
    /// writes the pending documents again from the record, replaced by key, never added twice.
    /// On an error nothing of the batch stays in the record; the index is rolled back to its last
    /// commit and the next writer redoes what is pending.
    /// </summary>
    public void AddRange(IEnumerable<IndexedDocument> documents)
    {
        var index = Writer();
        var records = new List<DocumentRecord>();
        using (var transaction = connection.BeginTransaction())
        using (var sql = new DocumentWriter(this, transaction))
        using (var pending = Command(transaction, IndexSchema.InsertPending, ("$k", string.Empty)))
        {
            try
            {
                foreach (var document in documents)
                {
                    pending.Parameters[0].Value = document.Key;
                    pending.ExecuteNonQuery();
                    var items = sql.Exists(document.Key) ? sql.TryRewriteInPlace(document) : null;
                    if (items is null)
                    {
                        RemoveCore(document.Key, transaction);
                        items = sql.Write(document);
                    }

                    WriteTables(document, transaction);
                    records.Add(Record(document, items));
                }

                UpdateLucene(index, records);
                WriteVocabulary(transaction);
                transaction.Commit();
                uncommitted += records.Count;
                if (uncommitted >= CommitEveryDocuments || DateTime.UtcNow - lastCommit >= CommitEvery)
                {
                    CommitLucene(index);
                }
            }
            catch
            {
                // The uncommitted Lucene changes go with the SQLite transaction; the next write reopens the writer.
                writer = null;
                knownWords.Clear();
                index.Rollback();
                throw;
            }
        }
    }

    private void UpdateLucene(Lucene.Net.Index.IndexWriter index, List<DocumentRecord> records) =>
        Parallel.ForEach(records, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, record =>
        {
            if (!builders.TryTake(out var builder))
            {
                builder = new LuceneDocuments();
            }

            try
            {
                index.UpdateDocuments(LuceneDocuments.KeyTerm(record.Key), builder.Of(record));
            }
            finally
            {
                builders.Add(builder);
            }
        });

    /// <summary>
    /// The words of the Lucene documents just built that the table of words may not have yet, in the
    /// record's transaction. <see cref="knownWords"/> remembers what this writer added (bounded), so
    /// that a word is inserted about once per process rather than once per document.
    /// </summary>
    private void WriteVocabulary(SqliteTransaction transaction)
    {
        using var insert = Command(transaction, IndexSchema.InsertWord, ("$w", string.Empty));
        insert.Prepare();
        foreach (var builder in builders)
        {
            foreach (var word in builder.Words)
            {
                if (knownWords.Add(word))
                {
                    insert.Parameters[0].Value = new string([.. word.Reverse()]);
                    insert.ExecuteNonQuery();
                }
            }

            builder.Words.Clear();
        }

        if (knownWords.Count > MaxKnownWords)
        {
            knownWords.Clear();
        }
    }

    private static DocumentRecord Record(IndexedDocument d, List<long> ids)
    {
        var q = d.Question;
        var items = ImmutableArray.CreateBuilder<ItemRecord>(ids.Count);
        var i = 0;
        foreach (var (section, number, text, _, context) in ItemsOf(q))
        {
            var amounts = d.Figures.Where(f => f.IsMoney && SameItem(f.Location, section, number)).Select(f => (double)f.Value).ToImmutableArray();
            items.Add(new ItemRecord(ids[i++], section, text, context, amounts));
        }

        return new DocumentRecord(d.Key, q.Title, q.Asker, q.Minister, q.Date, q.Number, items.MoveToImmutable())
        {
            Themes = d.Themes,
            AnswerKind = DetailsWriter.AnswerKindName(q.AnswerKind),
        };
    }

    /// <summary>Removes a document's rows from the record.</summary>
    private bool RemoveCore(string key, SqliteTransaction transaction)
    {
        using var find = Command(transaction, "SELECT id FROM documents WHERE key = $k", ("$k", key));
        if (find.ExecuteScalar() is not long documentId)
        {
            return false;
        }

        RemoveTables(key, transaction);

        Execute(transaction, "DELETE FROM figures WHERE document_id = $d", ("$d", documentId));
        Execute(transaction, "DELETE FROM items WHERE document_id = $d", ("$d", documentId));
        Execute(transaction, "DELETE FROM documents WHERE id = $d", ("$d", documentId));
        return true;
    }

    /// <summary>The prepared statements of one write transaction.</summary>
    private sealed class DocumentWriter : IDisposable
    {
        private readonly SearchIndex index;
        private readonly SqliteCommand find;
        private readonly SqliteCommand document;
        private readonly SqliteCommand item;
        private readonly SqliteCommand figure;
        private readonly SqliteCommand current;
        private readonly SqliteCommand itemsOf;
        private readonly SqliteCommand rewrite;
        private readonly SqliteCommand amount;
        private readonly SqliteCommand dropFigures;
        private readonly DetailsWriter details;

        public DocumentWriter(SearchIndex index, SqliteTransaction transaction)
        {
            this.index = index;

            // Ids come from last_insert_rowid rather than RETURNING: reading a RETURNING row through a
            // data reader cost several times the insert itself.
            find = Prepare(transaction, "SELECT id FROM documents WHERE key = $k", "$k");
            document = Prepare(transaction, "INSERT INTO documents(key, source, content_hash, number, date, year, asker, minister, minister_title, title, indexed_at) VALUES ($k, $s, $h, $n, $d, $y, $a, $m, $mt, $t, $at)",
                "$k", "$s", "$h", "$n", "$d", "$y", "$a", "$m", "$mt", "$t", "$at");
            item = Prepare(transaction, "INSERT INTO items(document_id, section, number, text, max_amount, question) VALUES ($d, $s, $n, $t, $m, $q)", "$d", "$s", "$n", "$t", "$m", "$q");
            figure = Prepare(transaction, "INSERT INTO figures(item_id, document_id, kind, value, range_end, currency, unit, per, text, sentence, qualifier, implied, section, number, part, years, row_label, column_label, table_name) "
                + "VALUES ($i, $d, $k, $v, $r, $c, $u, $p, $t, $s, $q, $im, $sec, $n, $part, $y, $row, $col, $tab)",
                "$i", "$d", "$k", "$v", "$r", "$c", "$u", "$p", "$t", "$s", "$q", "$im", "$sec", "$n", "$part", "$y", "$row", "$col", "$tab");
            current = Prepare(transaction, "SELECT id, title, asker, minister, date FROM documents WHERE key = $k", "$k");
            itemsOf = Prepare(transaction, "SELECT id, section, number, text, question FROM items WHERE document_id = $d ORDER BY id", "$d");
            rewrite = Prepare(transaction, "UPDATE documents SET source = $s, content_hash = $h, number = $n, minister_title = $mt, indexed_at = $at WHERE id = $d", "$s", "$h", "$n", "$mt", "$at", "$d");
            amount = Prepare(transaction, "UPDATE items SET max_amount = $m WHERE id = $i", "$m", "$i");
            dropFigures = Prepare(transaction, "DELETE FROM figures WHERE document_id = $d", "$d");
            details = new DetailsWriter(index.connection, transaction);
        }

        /// <summary>True when a document with this key is in the record.</summary>
        public bool Exists(string key) => Run(find, true, key) is not null;

        /// <summary>
        /// Rewrites a document in place when everything searchable is what is stored (title, asker,
        /// minister, date, and item by item the section, number, text and answered question): its row,
        /// its items' largest amounts and its figures change; its items keep their ids. That is the
        /// common case when a stage is redone over the corpus. Returns the item ids, or null, having
        /// written nothing, when something searchable differs.
        /// </summary>
        public List<long>? TryRewriteInPlace(IndexedDocument d)
        {
            var q = d.Question;
            var date = q.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            long documentId;
            SetAll(current, d.Key);
            using (var reader = current.ExecuteReader())
            {
                if (!reader.Read()
                    || !Same(reader, 1, q.Title) || !Same(reader, 2, q.Asker) || !Same(reader, 3, q.Minister) || !Same(reader, 4, date))
                {
                    return null;
                }

                documentId = reader.GetInt64(0);
            }

            var items = ItemsOf(q).ToList();
            var ids = new List<long>(items.Count);
            SetAll(itemsOf, documentId);
            using (var reader = itemsOf.ExecuteReader())
            {
                while (reader.Read())
                {
                    var i = ids.Count;
                    if (i >= items.Count || reader.GetString(1) != SectionName(items[i].Section)
                        || (reader.IsDBNull(2) ? null : (int?)reader.GetInt32(2)) != items[i].Number || reader.GetString(3) != items[i].Text
                        || (reader.IsDBNull(4) ? null : (int?)reader.GetInt32(4)) != items[i].Question)
                    {
                        return null;
                    }

                    ids.Add(reader.GetInt64(0));
                }
            }

            if (ids.Count != items.Count)
            {
                return null;
            }

            Run(rewrite, false, d.Source, d.ContentHash, q.Number, q.MinisterTitle, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), documentId);
            Run(dropFigures, false, documentId);
            for (var i = 0; i < ids.Count; i++)
            {
                var figures = d.Figures.Where(f => SameItem(f.Location, items[i].Section, items[i].Number)).ToList();
                Run(amount, false, figures.Where(f => f.IsMoney).Select(f => (double?)f.Value).Max(), ids[i]);
                foreach (var f in figures)
                {
                    WriteFigure(f, ids[i], documentId);
                }
            }

            WriteFiguresOutsideItems(d, items.Select(i => (i.Section, i.Number)), documentId);
            details.Write(documentId, d, ids);
            return ids;
        }

        /// <summary>Writes a document's rows; returns its items' ids in <see cref="ItemsOf"/> order.</summary>
        public List<long> Write(IndexedDocument d)
        {
            var q = d.Question;
            Run(document, false, d.Key, d.Source, d.ContentHash, q.Number, q.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), q.Date?.Year,
                q.Asker, q.Minister, q.MinisterTitle, q.Title, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            var documentId = LastInsertRowId();
            var ids = new List<long>();
            foreach (var (section, number, text, question, _) in ItemsOf(q))
            {
                var figures = d.Figures.Where(f => SameItem(f.Location, section, number)).ToList();
                Run(item, false, documentId, SectionName(section), number, text, figures.Where(f => f.IsMoney).Select(f => (double?)f.Value).Max(), question);
                var itemId = LastInsertRowId();
                ids.Add(itemId);
                foreach (var f in figures)
                {
                    WriteFigure(f, itemId, documentId);
                }
            }

            WriteFiguresOutsideItems(d, ItemsOf(q).Select(i => (i.Section, i.Number)), documentId);
            details.Write(documentId, d, ids);
            return ids;
        }

        // Figures in no item (an annex list, a table after the last answer) are kept with the document,
        // without an item: the record holds every figure the run found (its report counts them all).
        private void WriteFiguresOutsideItems(IndexedDocument d, IEnumerable<(Section Section, int? Number)> items, long documentId)
        {
            var all = items.ToList();
            foreach (var f in d.Figures.Where(f => !all.Any(i => SameItem(f.Location, i.Section, i.Number))))
            {
                WriteFigure(f, null, documentId);
            }
        }

        private void WriteFigure(Figure f, long? itemId, long documentId) =>
            Run(figure, false, itemId, documentId, f.Kind.ToString().ToLowerInvariant(), (double)f.Value, (double?)f.RangeEnd, f.Currency, f.Unit, f.Per, f.Text,
                f.Sentence, f.Qualifier, f.Implied ? 1 : 0, SectionName(f.Location.Section), f.Location.Number, f.Location.Part, DetailsWriter.Years(f),
                f.Row, f.Column, f.Row is null ? null : f.Sheet ?? f.Table ?? "");

        private static bool Same(SqliteDataReader reader, int column, string? value) =>
            string.Equals(reader.IsDBNull(column) ? null : reader.GetString(column), value, StringComparison.Ordinal);

        private static void SetAll(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }

        public void Dispose()
        {
            foreach (var command in new[] { find, document, item, figure, current, itemsOf, rewrite, amount, dropFigures })
            {
                command.Dispose();
            }

            details.Dispose();
        }

        private long LastInsertRowId() => SQLitePCL.raw.sqlite3_last_insert_rowid(index.connection.Handle);

        private SqliteCommand Prepare(SqliteTransaction transaction, string sql, params string[] names) =>
            DetailsWriter.Prepare(index.connection, transaction, sql, names);

        private static object? Run(SqliteCommand command, bool scalar, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
        }
    }
}
