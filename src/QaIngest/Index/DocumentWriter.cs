using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using QaIngest.Figures;
using QaIngest.Search;

namespace QaIngest.Index;

/// <content>Writing documents with prepared statements, one transaction at a time.</content>
public sealed partial class SearchIndex
{
    private HashSet<string> KnownTerms(SqliteTransaction transaction)
    {
        if (knownTerms is null)
        {
            knownTerms = new HashSet<string>(StringComparer.Ordinal);
            using var command = Command(transaction, "SELECT term FROM terms");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                knownTerms.Add(reader.GetString(0));
            }
        }

        return knownTerms;
    }

    /// <summary>One item of a document, analysed and ready to write: the FTS5 columns and its figures.</summary>
    private sealed record AnalysedItem(
        string Section, int? Number, string Text, string? ContextText, double? MaxAmount, string Body, string Context, string Parts,
        string[] DistinctTerms, string[] VocabularyCandidates, Figure[] Figures);

    /// <summary>A document analysed off the writing thread: everything the writer needs but SQLite.</summary>
    private sealed record AnalysedDocument(IndexedDocument Document, string Title, string Asker, string Minister, AnalysedItem[] Items);

    /// <summary>
    /// Analyses a document (pure, thread-safe): each text once (an answer carries its question as
    /// context), the FTS5 column strings, the distinct terms of each item and its figures.
    /// </summary>
    private static AnalysedDocument Analyse(IndexedDocument d)
    {
        var q = d.Question;
        var titleTokens = q.Title is null ? [] : DutchAnalyzer.Analyze(q.Title);
        var title = Join(titleTokens, parts: false);
        var analysed = new Dictionary<string, ImmutableArray<AnalyzedToken>>(StringComparer.Ordinal);
        ImmutableArray<AnalyzedToken> Tokens(string text) =>
            analysed.TryGetValue(text, out var tokens) ? tokens : analysed[text] = DutchAnalyzer.Analyze(text);
        var joinedContexts = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = new List<AnalysedItem>();
        foreach (var (section, number, text, context) in ItemsOf(q))
        {
            var figures = d.Figures.Where(f => SameItem(f.Location, section, number)).ToArray();
            var maxAmount = figures.Where(f => f.IsMoney).Select(f => (double?)f.Value).Max();
            var body = Tokens(text);
            var contextTokens = context is null ? [] : Tokens(context);
            var contextTerms = context is null ? string.Empty
                : joinedContexts.TryGetValue(context, out var joined) ? joined : joinedContexts[context] = Join(contextTokens, parts: false);

            // How many items each term is in counts the title, the text, the question as context and the parts.
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in titleTokens)
            {
                distinct.Add(token.Term);
            }

            // Words of the text that may be new to the vocabulary (its trigram index reaches compounds).
            var candidates = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in body)
            {
                distinct.Add(token.Term);
                if (!token.IsPart && token.Term.Length >= 3 && !char.IsAsciiDigit(token.Term[0]) && seen.Add(token.Term))
                {
                    candidates.Add(token.Term);
                }
            }

            foreach (var token in contextTokens)
            {
                distinct.Add(token.Term);
            }

            items.Add(new AnalysedItem(SectionName(section), number, text, context, maxAmount, Join(body, parts: false), contextTerms, Join(body, parts: true),
                [.. distinct], [.. candidates], figures));
        }

        return new AnalysedDocument(d, title, Analysed(q.Asker).Whole, Analysed(q.Minister).Whole, [.. items]);
    }

    /// <summary>The prepared statements of one write transaction.</summary>
    private sealed class DocumentWriter : IDisposable
    {
        private readonly SearchIndex index;
        private readonly SqliteCommand find;
        private readonly SqliteCommand document;
        private readonly SqliteCommand item;
        private readonly SqliteCommand fts;
        private readonly SqliteCommand figure;
        private readonly SqliteCommand term;
        private readonly SqliteCommand trigram;
        private readonly SqliteCommand span;
        private readonly SqliteCommand stats;
        private readonly SqliteCommand current;
        private readonly SqliteCommand itemsOf;
        private readonly SqliteCommand rewrite;
        private readonly SqliteCommand amount;
        private readonly SqliteCommand dropFigures;

        // How many items of this transaction each term is in (title, text, question as context, parts):
        // written once per transaction, because fts5vocab counts a term's rows one by one.
        private readonly Dictionary<string, long> termItems = new(StringComparer.Ordinal);

        // The item ids each year's documents got in this transaction (a superset is fine: a bound).
        private readonly Dictionary<int, (long First, long Last)> yearItems = [];
        private readonly SqliteCommand years;
        private readonly HashSet<string> known;
        private readonly List<string> added = [];

        public DocumentWriter(SearchIndex index, SqliteTransaction transaction)
        {
            this.index = index;
            known = index.KnownTerms(transaction);

            // Ids come from last_insert_rowid rather than RETURNING: reading a RETURNING row through a
            // data reader cost several times the insert itself.
            find = Prepare(transaction, "SELECT id FROM documents WHERE key = $k", "$k");
            document = Prepare(transaction, "INSERT INTO documents(key, source, content_hash, number, date, year, asker, minister, minister_title, title, indexed_at) VALUES ($k, $s, $h, $n, $d, $y, $a, $m, $mt, $t, $at)",
                "$k", "$s", "$h", "$n", "$d", "$y", "$a", "$m", "$mt", "$t", "$at");
            item = Prepare(transaction, "INSERT INTO items(document_id, section, number, text, max_amount) VALUES ($d, $s, $n, $t, $m)", "$d", "$s", "$n", "$t", "$m");
            fts = Prepare(transaction, "INSERT INTO items_fts(rowid, title, body, context, parts, asker, minister) VALUES ($id, $ti, $b, $c, $p, $a, $m)", "$id", "$ti", "$b", "$c", "$p", "$a", "$m");
            figure = Prepare(transaction, "INSERT INTO figures(item_id, document_id, kind, value, range_end, currency, unit, per, text, sentence, qualifier, implied, section, number, part) "
                + "VALUES ($i, $d, $k, $v, $r, $c, $u, $p, $t, $s, $q, $im, $sec, $n, $part)", "$i", "$d", "$k", "$v", "$r", "$c", "$u", "$p", "$t", "$s", "$q", "$im", "$sec", "$n", "$part");
            term = Prepare(transaction, "INSERT INTO terms(term) VALUES ($t)", "$t");
            trigram = Prepare(transaction, "INSERT INTO vocabulary_trigrams(rowid, term) VALUES ($id, $t)", "$id", "$t");
            span = Prepare(transaction, "UPDATE documents SET first_item = $f, last_item = $l WHERE id = $d", "$f", "$l", "$d");
            years = Prepare(transaction, "INSERT INTO year_items(year, first_item, last_item) VALUES ($y, $f, $l) "
                + "ON CONFLICT(year) DO UPDATE SET first_item = min(first_item, excluded.first_item), last_item = max(last_item, excluded.last_item)", "$y", "$f", "$l");
            stats = Prepare(transaction, "INSERT INTO term_items(term, items) VALUES ($t, $n) ON CONFLICT(term) DO UPDATE SET items = items + $n", "$t", "$n");
            current = Prepare(transaction, "SELECT id, title, asker, minister, date FROM documents WHERE key = $k", "$k");
            itemsOf = Prepare(transaction, "SELECT id, section, number, text FROM items WHERE document_id = $d ORDER BY id", "$d");
            rewrite = Prepare(transaction, "UPDATE documents SET source = $s, content_hash = $h, number = $n, minister_title = $mt, indexed_at = $at WHERE id = $d", "$s", "$h", "$n", "$mt", "$at", "$d");
            amount = Prepare(transaction, "UPDATE items SET max_amount = $m WHERE id = $i", "$m", "$i");
            dropFigures = Prepare(transaction, "DELETE FROM figures WHERE document_id = $d", "$d");
        }

        /// <summary>
        /// Rewrites a document in place when everything searchable is what is stored (title, asker,
        /// minister, date, and item by item the section, number and text): its row, its items' largest
        /// amounts and its figures change; its items and their FTS5 rows stay. That is the common case
        /// when a stage is redone over the corpus, and deleting FTS5 rows is the dear part of a replace.
        /// Returns false, having written nothing, when something searchable differs.
        /// </summary>
        public bool TryRewriteInPlace(AnalysedDocument a)
        {
            var d = a.Document;
            var q = d.Question;
            var date = q.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            long documentId;
            SetAll(current, d.Key);
            using (var reader = current.ExecuteReader())
            {
                if (!reader.Read()
                    || !Same(reader, 1, q.Title) || !Same(reader, 2, q.Asker) || !Same(reader, 3, q.Minister) || !Same(reader, 4, date))
                {
                    return false;
                }

                documentId = reader.GetInt64(0);
            }

            var ids = new List<long>(a.Items.Length);
            SetAll(itemsOf, documentId);
            using (var reader = itemsOf.ExecuteReader())
            {
                while (reader.Read())
                {
                    var i = ids.Count;
                    if (i >= a.Items.Length || reader.GetString(1) != a.Items[i].Section
                        || (reader.IsDBNull(2) ? null : (int?)reader.GetInt32(2)) != a.Items[i].Number || reader.GetString(3) != a.Items[i].Text)
                    {
                        return false;
                    }

                    ids.Add(reader.GetInt64(0));
                }
            }

            if (ids.Count != a.Items.Length)
            {
                return false;
            }

            Run(rewrite, false, d.Source, d.ContentHash, q.Number, q.MinisterTitle, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), documentId);
            Run(dropFigures, false, documentId);
            for (var i = 0; i < ids.Count; i++)
            {
                Run(amount, false, a.Items[i].MaxAmount, ids[i]);
                foreach (var f in a.Items[i].Figures)
                {
                    WriteFigure(f, ids[i], documentId);
                }
            }

            return true;
        }

        /// <summary>Takes the items of a removed document out of this transaction's term counts.</summary>
        public void Subtract(Dictionary<string, long> removed)
        {
            foreach (var (term, items) in removed)
            {
                termItems[term] = termItems.GetValueOrDefault(term) - items;
            }
        }

        /// <summary>True when a document with this key is indexed (it must be removed first).</summary>
        public bool Exists(string key) => Run(find, true, key) is not null;

        public void Write(AnalysedDocument a)
        {
            var d = a.Document;
            var q = d.Question;
            Run(document, false, d.Key, d.Source, d.ContentHash, q.Number, q.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), q.Date?.Year,
                q.Asker, q.Minister, q.MinisterTitle, q.Title, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            var documentId = LastInsertRowId();
            long? first = null, last = null;
            foreach (var i in a.Items)
            {
                Run(item, false, documentId, i.Section, i.Number, i.Text, i.MaxAmount);
                var itemId = LastInsertRowId();
                first ??= itemId;
                last = itemId;
                foreach (var t in i.DistinctTerms)
                {
                    termItems[t] = termItems.GetValueOrDefault(t) + 1;
                }

                Run(fts, false, itemId, a.Title, i.Body, i.Context, i.Parts, a.Asker, a.Minister);
                foreach (var candidate in i.VocabularyCandidates)
                {
                    if (known.Add(candidate))
                    {
                        added.Add(candidate);
                        Run(term, false, candidate);
                        Run(trigram, false, LastInsertRowId(), candidate);
                    }
                }

                foreach (var f in i.Figures)
                {
                    WriteFigure(f, itemId, documentId);
                }
            }

            Run(span, false, first, last, documentId);
            if (q.Date is { } date && first is { } firstItem && last is { } lastItem)
            {
                yearItems[date.Year] = yearItems.TryGetValue(date.Year, out var known) ? (Math.Min(known.First, firstItem), Math.Max(known.Last, lastItem)) : (firstItem, lastItem);
            }
        }

        private void WriteFigure(Figure f, long itemId, long documentId) =>
            Run(figure, false, itemId, documentId, f.Kind.ToString().ToLowerInvariant(), (double)f.Value, (double?)f.RangeEnd, f.Currency, f.Unit, f.Per, f.Text,
                f.Sentence, f.Qualifier, f.Implied ? 1 : 0, SectionName(f.Location.Section), f.Location.Number, f.Location.Part);

        private static bool Same(SqliteDataReader reader, int column, string? value) =>
            string.Equals(reader.IsDBNull(column) ? null : reader.GetString(column), value, StringComparison.Ordinal);

        private static void SetAll(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }

        /// <summary>Writes the transaction's term counts; call before committing.</summary>
        public void Flush()
        {
            // In key order: the upserts then walk the counts' B-tree once instead of jumping around it.
            // A document replaced by the same text nets out to nothing to write.
            foreach (var (term, items) in termItems.Where(t => t.Value != 0).OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                Run(stats, false, term, items);
            }

            termItems.Clear();
            foreach (var (year, (first, last)) in yearItems)
            {
                Run(years, false, year, first, last);
            }

            yearItems.Clear();
        }

        public void Dispose()
        {
            foreach (var command in new[] { find, document, item, fts, figure, term, trigram, span, stats, years, current, itemsOf, rewrite, amount, dropFigures })
            {
                command.Dispose();
            }
        }

        /// <summary>The transaction did not commit and took its new terms with it: forget them too.</summary>
        public void Forget() => known.ExceptWith(added);

        private long LastInsertRowId() => SQLitePCL.raw.sqlite3_last_insert_rowid(index.connection.Handle);

        private SqliteCommand Prepare(SqliteTransaction transaction, string sql, params string[] names)
        {
            var command = index.connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            return command;
        }

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
