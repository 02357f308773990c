using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using QaIngest.Search;

namespace QaIngest.Index;

/// <content>Rebuilding the Lucene index from the SQLite record, without parsing anything again.</content>
public sealed partial class SearchIndex
{
    private const int ReindexBatch = 2_000;

    /// <summary>What a rebuild did and how fast.</summary>
    public sealed record ReindexFigures(long Documents, long Items, double Seconds)
    {
        public double DocumentsPerSecond => Seconds > 0 ? Math.Round(Documents / Seconds, 0) : 0;
    }

    /// <summary>
    /// Replaces the Lucene index by one derived from the record: every document's items with its
    /// fields, the answered questions and the amounts as SQLite holds them, merged into one segment.
    /// One commit at the end: until then readers see the old index, and a kill leaves it as it was.
    /// </summary>
    public ReindexFigures Reindex(Action<long>? progress)
    {
        var watch = Stopwatch.StartNew();
        var index = Writer(rebuildIfMissing: false);
        long documents = 0, items = 0;
        try
        {
            index.DeleteAll();
            knownWords.Clear();
            var batch = new List<DocumentRecord>(ReindexBatch);
            void Flush()
            {
                AddAll(index, batch);
                using (var transaction = connection.BeginTransaction())
                {
                    WriteVocabulary(transaction);
                    transaction.Commit();
                }

                batch.Clear();
            }

            foreach (var record in Records(pendingOnly: false))
            {
                batch.Add(record);
                documents++;
                items += record.Items.Length;
                if (batch.Count >= ReindexBatch)
                {
                    Flush();
                    progress?.Invoke(documents);
                }
            }

            Flush();

            // A rebuilt index is merged into one segment: one dictionary of terms instead of one a
            // segment (about a tenth smaller) and one postings list a word to search.
            index.ForceMerge(1);
            CommitLucene(index);
        }
        catch
        {
            writer = null;
            index.Rollback();
            throw;
        }

        progress?.Invoke(documents);
        return new ReindexFigures(documents, items, Math.Round(watch.Elapsed.TotalSeconds, 1));
    }

    /// <summary>
    /// Writes again the Lucene documents of the record's documents written since the last Lucene
    /// commit (<c>index_pending</c>): a writer that stopped between commits (kill -9, a failed write)
    /// left the record ahead of the index. Each key's items are deleted first, so a document the record
    /// no longer holds goes and one written twice is replaced, never doubled.
    /// </summary>
    private void RedoPending(Lucene.Net.Index.IndexWriter index)
    {
        var keys = new List<string>();
        using (var command = Command(null, "SELECT key FROM index_pending"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }
        }

        if (keys.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var key in keys)
            {
                index.DeleteDocuments(LuceneDocuments.KeyTerm(key));
            }

            var batch = new List<DocumentRecord>(ReindexBatch);
            foreach (var record in Records(pendingOnly: true))
            {
                batch.Add(record);
                if (batch.Count >= ReindexBatch)
                {
                    AddAll(index, batch);
                    batch.Clear();
                }
            }

            AddAll(index, batch);
            using (var transaction = connection.BeginTransaction())
            {
                WriteVocabulary(transaction);
                transaction.Commit();
            }

            CommitLucene(index);
        }
        catch
        {
            writer = null;
            index.Rollback();
            throw;
        }
    }

    /// <summary>The record's documents (or those pending a Lucene commit) as the Lucene index derives them, in id order.</summary>
    private IEnumerable<DocumentRecord> Records(bool pendingOnly)
    {
        var filter = pendingOnly ? " WHERE d.key IN (SELECT key FROM index_pending)" : string.Empty;
        var amounts = new Dictionary<long, List<double>>();
        using (var command = Command(null, "SELECT f.item_id, f.value FROM figures f"
            + (pendingOnly ? " JOIN documents d ON d.id = f.document_id AND d.key IN (SELECT key FROM index_pending)" : string.Empty)
            + " WHERE f.kind IN ('money', 'rate') AND f.item_id IS NOT NULL ORDER BY f.item_id, f.id"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!amounts.TryGetValue(id, out var list))
                {
                    amounts[id] = list = [];
                }

                list.Add(reader.GetDouble(1));
            }
        }

        using var rows = Command(null,
            "SELECT d.key, d.title, d.asker, d.minister, d.date, d.number, i.id, i.text, "
            + "(SELECT q.text FROM items q WHERE q.document_id = i.document_id AND q.section = 'question' AND q.number = i.question AND i.section = 'answer'), i.section, d.theme, d.answer_kind "
            + "FROM documents d JOIN items i ON i.document_id = d.id" + filter + " ORDER BY d.id, i.id");
        using var rowReader = rows.ExecuteReader();
        DocumentRecord? current = null;
        var currentItems = ImmutableArray.CreateBuilder<ItemRecord>();
        while (rowReader.Read())
        {
            var key = rowReader.GetString(0);
            if (current?.Key != key)
            {
                if (current is not null)
                {
                    yield return current with { Items = currentItems.ToImmutable() };
                    currentItems.Clear();
                }

                current = new DocumentRecord(
                    key, rowReader.IsDBNull(1) ? null : rowReader.GetString(1), rowReader.IsDBNull(2) ? null : rowReader.GetString(2), rowReader.IsDBNull(3) ? null : rowReader.GetString(3),
                    rowReader.IsDBNull(4) ? null : DateOnly.ParseExact(rowReader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    rowReader.IsDBNull(5) ? null : rowReader.GetInt32(5), [])
                {
                    Themes = [.. DetailsWriter.SplitThemes(rowReader.IsDBNull(10) ? null : rowReader.GetString(10))],
                    AnswerKind = rowReader.IsDBNull(11) ? null : rowReader.GetString(11),
                };
            }

            var id = rowReader.GetInt64(6);
            currentItems.Add(new ItemRecord(id, SectionOf(rowReader.GetString(9)), rowReader.GetString(7), rowReader.IsDBNull(8) ? null : rowReader.GetString(8), amounts.TryGetValue(id, out var a) ? [.. a] : []));
        }

        if (current is not null)
        {
            yield return current with { Items = currentItems.ToImmutable() };
        }
    }

    private static QaIngest.Parse.Section SectionOf(string name) => name switch
    {
        "preamble" => QaIngest.Parse.Section.Preamble,
        "question" => QaIngest.Parse.Section.Question,
        "answerPreamble" => QaIngest.Parse.Section.AnswerPreamble,
        "annexes" => QaIngest.Parse.Section.Annexes,
        _ => QaIngest.Parse.Section.Answer,
    };

    private void AddAll(Lucene.Net.Index.IndexWriter index, List<DocumentRecord> records) =>
        Parallel.ForEach(records, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, record =>
        {
            if (!builders.TryTake(out var builder))
            {
                builder = new LuceneDocuments();
            }

            try
            {
                index.AddDocuments(builder.Of(record));
            }
            finally
            {
                builders.Add(builder);
            }
        });

    /// <summary>
    /// Every term of the text fields with how many live items hold it, and the number of live items:
    /// what two indexes of the same record must share, however they were written (for tests).
    /// </summary>
    internal (List<string> Terms, int Items) IndexedTerms()
    {
        var manager = Searchers();
        var searcher = manager.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var live = MultiFields.GetLiveDocs(reader);
            var rows = new List<string>();
            foreach (var field in new[] { IndexFields.Title, IndexFields.Body, IndexFields.Context, IndexFields.Parts, IndexFields.Asker, IndexFields.Minister })
            {
                var terms = MultiFields.GetTerms(reader, field);
                if (terms is null)
                {
                    continue;
                }

                var e = terms.GetEnumerator();
                while (e.MoveNext())
                {
                    var docs = e.Docs(live, null, DocsFlags.NONE);
                    var n = 0;
                    while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        n++;
                    }

                    if (n > 0)
                    {
                        rows.Add($"{field}:{e.Term.Utf8ToString()}={n}");
                    }
                }
            }

            return (rows, reader.NumDocs);
        }
        finally
        {
            manager.Release(searcher);
        }
    }
}
