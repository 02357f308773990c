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

    /// <summary>The prepared statements of one write transaction.</summary>
    private sealed class DocumentWriter : IDisposable
    {
        private readonly SearchIndex index;
        private readonly SqliteCommand document;
        private readonly SqliteCommand item;
        private readonly SqliteCommand fts;
        private readonly SqliteCommand figure;
        private readonly SqliteCommand term;
        private readonly SqliteCommand trigram;
        private readonly SqliteCommand span;
        private readonly SqliteCommand stats;

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
            document = Prepare(transaction, "INSERT INTO documents(key, source, content_hash, number, date, year, asker, minister, minister_title, title, indexed_at) VALUES ($k, $s, $h, $n, $d, $y, $a, $m, $mt, $t, $at) RETURNING id",
                "$k", "$s", "$h", "$n", "$d", "$y", "$a", "$m", "$mt", "$t", "$at");
            item = Prepare(transaction, "INSERT INTO items(document_id, section, number, text, max_amount) VALUES ($d, $s, $n, $t, $m) RETURNING id", "$d", "$s", "$n", "$t", "$m");
            fts = Prepare(transaction, "INSERT INTO items_fts(rowid, title, body, context, parts, asker, minister) VALUES ($id, $ti, $b, $c, $p, $a, $m)", "$id", "$ti", "$b", "$c", "$p", "$a", "$m");
            figure = Prepare(transaction, "INSERT INTO figures(item_id, document_id, kind, value, range_end, currency, unit, per, text, sentence, qualifier, implied, section, number, part) "
                + "VALUES ($i, $d, $k, $v, $r, $c, $u, $p, $t, $s, $q, $im, $sec, $n, $part)", "$i", "$d", "$k", "$v", "$r", "$c", "$u", "$p", "$t", "$s", "$q", "$im", "$sec", "$n", "$part");
            term = Prepare(transaction, "INSERT INTO terms(term) VALUES ($t) RETURNING id", "$t");
            trigram = Prepare(transaction, "INSERT INTO vocabulary_trigrams(rowid, term) VALUES ($id, $t)", "$id", "$t");
            span = Prepare(transaction, "UPDATE documents SET first_item = $f, last_item = $l WHERE id = $d", "$f", "$l", "$d");
            years = Prepare(transaction, "INSERT INTO year_items(year, first_item, last_item) VALUES ($y, $f, $l) "
                + "ON CONFLICT(year) DO UPDATE SET first_item = min(first_item, excluded.first_item), last_item = max(last_item, excluded.last_item)", "$y", "$f", "$l");
            stats = Prepare(transaction, "INSERT INTO term_items(term, items) VALUES ($t, $n) ON CONFLICT(term) DO UPDATE SET items = items + $n", "$t", "$n");
        }

        public void Write(IndexedDocument d)
        {
            var q = d.Question;
            var documentId = (long)Run(document, true, d.Key, d.Source, d.ContentHash, q.Number, q.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), q.Date?.Year,
                q.Asker, q.Minister, q.MinisterTitle, q.Title, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture))!;
            var titleTokens = q.Title is null ? [] : DutchAnalyzer.Analyze(q.Title);
            var title = Join(titleTokens, parts: false);
            var asker = Analysed(q.Asker).Whole;
            var minister = Analysed(q.Minister).Whole;
            long? first = null, last = null;

            // An answer carries its question as context: analyse each text once.
            var analysed = new Dictionary<string, System.Collections.Immutable.ImmutableArray<AnalyzedToken>>(StringComparer.Ordinal);
            System.Collections.Immutable.ImmutableArray<AnalyzedToken> Analyse(string text) =>
                analysed.TryGetValue(text, out var tokens) ? tokens : analysed[text] = DutchAnalyzer.Analyze(text);
            foreach (var (section, number, text, context) in ItemsOf(q))
            {
                var figures = d.Figures.Where(f => SameItem(f.Location, section, number)).ToList();
                var maxAmount = figures.Where(f => f.IsMoney).Select(f => (double?)f.Value).Max();
                var itemId = (long)Run(item, true, documentId, SectionName(section), number, text, maxAmount)!;
                first ??= itemId;
                last = itemId;
                var body = Analyse(text);
                var contextTerms = context is null ? string.Empty : Join(Analyse(context), parts: false);
                CountTerms(titleTokens, body, context is null ? [] : Analyse(context));
                Run(fts, false, itemId, title, Join(body, parts: false), contextTerms, Join(body, parts: true), asker, minister);
                foreach (var token in body)
                {
                    if (!token.IsPart && token.Term.Length >= 3 && !char.IsAsciiDigit(token.Term[0]) && known.Add(token.Term))
                    {
                        added.Add(token.Term);
                        var id = (long)Run(term, true, token.Term)!;
                        Run(trigram, false, id, token.Term);
                    }
                }

                foreach (var f in figures)
                {
                    Run(figure, false, itemId, documentId, f.Kind.ToString().ToLowerInvariant(), (double)f.Value, (double?)f.RangeEnd, f.Currency, f.Unit, f.Per, f.Text,
                        f.Sentence, f.Qualifier, f.Implied ? 1 : 0, SectionName(f.Location.Section), f.Location.Number, f.Location.Part);
                }
            }

            Run(span, false, first, last, documentId);
            if (q.Date is { } date && first is { } firstItem && last is { } lastItem)
            {
                yearItems[date.Year] = yearItems.TryGetValue(date.Year, out var known) ? (Math.Min(known.First, firstItem), Math.Max(known.Last, lastItem)) : (firstItem, lastItem);
            }
        }

        /// <summary>Writes the transaction's term counts; call before committing.</summary>
        public void Flush()
        {
            foreach (var (term, items) in termItems)
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

        private void CountTerms(params System.Collections.Immutable.ImmutableArray<AnalyzedToken>[] columns)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in columns.SelectMany(c => c))
            {
                if (seen.Add(token.Term))
                {
                    termItems[token.Term] = termItems.GetValueOrDefault(token.Term) + 1;
                }
            }
        }

        public void Dispose()
        {
            foreach (var command in new[] { document, item, fts, figure, term, trigram, span, stats, years })
            {
                command.Dispose();
            }
        }

        /// <summary>The transaction did not commit and took its new terms with it: forget them too.</summary>
        public void Forget() => known.ExceptWith(added);

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
