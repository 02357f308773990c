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
        var amounts = new Dictionary<long, List<double>>();
        using (var command = Command(null, "SELECT item_id, value FROM figures WHERE kind IN ('money', 'rate') AND item_id IS NOT NULL ORDER BY item_id, id"))
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

        long documents = 0, items = 0;
        try
        {
            index.DeleteAll();
            knownWords.Clear();
            var batch = new List<DocumentRecord>(ReindexBatch);
            using var rows = Command(null,
                "SELECT d.key, d.title, d.asker, d.minister, d.date, d.number, i.id, i.text, "
                + "(SELECT q.text FROM items q WHERE q.document_id = i.document_id AND q.section = 'question' AND q.number = i.question AND i.section = 'answer'), i.section, d.theme, d.answer_kind "
                + "FROM documents d JOIN items i ON i.document_id = d.id ORDER BY d.id, i.id");
            using var reader = rows.ExecuteReader();
            DocumentRecord? current = null;
            var currentItems = ImmutableArray.CreateBuilder<ItemRecord>();
            void Finish()
            {
                if (current is not null)
                {
                    batch.Add(current with { Items = currentItems.ToImmutable() });
                    documents++;
                    currentItems.Clear();
                    if (batch.Count >= ReindexBatch)
                    {
                        AddAll(index, batch);
                        using (var transaction = connection.BeginTransaction())
                        {
                            WriteVocabulary(transaction);
                            transaction.Commit();
                        }

                        batch.Clear();
                        progress?.Invoke(documents);
                    }
                }
            }

            while (reader.Read())
            {
                var key = reader.GetString(0);
                if (current?.Key != key)
                {
                    Finish();
                    current = new DocumentRecord(
                        key, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        reader.IsDBNull(5) ? null : reader.GetInt32(5), [])
                    {
                        Themes = [.. DetailsWriter.SplitThemes(reader.IsDBNull(10) ? null : reader.GetString(10))],
                        AnswerKind = reader.IsDBNull(11) ? null : reader.GetString(11),
                    };
                }

                var id = reader.GetInt64(6);
                currentItems.Add(new ItemRecord(id, SectionOf(reader.GetString(9)), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), amounts.TryGetValue(id, out var a) ? [.. a] : []));
                items++;
            }

            Finish();
            AddAll(index, batch);
            using (var transaction = connection.BeginTransaction())
            {
                WriteVocabulary(transaction);
                transaction.Commit();
            }

            // A rebuilt index is merged into one segment: one dictionary of terms instead of one a
            // segment (about a tenth smaller) and one postings list a word to search.
            index.ForceMerge(1);
            index.Commit();
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

    private static QaIngest.Parse.Section SectionOf(string name) => name switch
    {
        "preamble" => QaIngest.Parse.Section.Preamble,
        "question" => QaIngest.Parse.Section.Question,
        "answerPreamble" => QaIngest.Parse.Section.AnswerPreamble,
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
