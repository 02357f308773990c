using System.Collections.Immutable;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using QaIngest.Search;

namespace QaIngest.Index;

/// <content>
/// Searching: a compiled query runs on Lucene (BM25 with field weights), the best candidates are
/// re-ranked by how much of the query the item's own text covers, and their text, question and
/// figures come from SQLite.
/// </content>
public sealed partial class SearchIndex
{
    private const int MaxCompounds = 20;
    private const int RerankDepthFactor = 5;
    private const int MinRerankCandidates = 50;

    /// <summary>
    /// How many matches a query scores at most. Lucene 4.8 scores every match, about 0.2 µs each for a
    /// word over four fields; a query expected to match more is ranked in a window of the most
    /// recent items (item ids grow with indexing, and runs index in date order) sized to hold about
    /// this many matches, widened while it holds too few hits. Tests lower it.
    /// </summary>
    internal long RankBudget { get; set; } = 20_000;

    /// <summary>A windowed query whose words match at most this many items is still counted exactly (without scoring). Tests lower it.</summary>
    internal long CountBudget { get; set; } = 100_000;

    /// <summary>Runs a search; a query that cannot be parsed or compiled is an error, never an exception.</summary>
    public (SearchResults? Results, string? Error) Search(SearchRequest request)
    {
        var (node, parseError) = QueryParser.Parse(request.Query);
        if (parseError is not null)
        {
            return (null, $"malformed query: {parseError}");
        }

        var (compiled, compileError) = QueryCompiler.Compile(node!);
        if (compileError is not null)
        {
            return (null, compileError);
        }

        var limit = Math.Clamp(request.Limit, 1, 1000);
        var manager = Searchers();
        var searcher = manager.Acquire();
        try
        {
            var trace = Environment.GetEnvironmentVariable("QAINGEST_TRACE") is not null ? System.Diagnostics.Stopwatch.StartNew() : null;
            var all = MaxItemId();
            if (node is RangeQuery { Field: "amount", Min: { } least, Max: null } amount && !request.Facets && request.Sort is SearchSort.Relevance or SearchSort.Amount)
            {
                return (AtLeast(searcher, compiled!, request.Query, amount.MinInclusive ? (double)least : Math.BitIncrement((double)least), limit), null);
            }

            var plan = Plan(searcher, compiled!, all);
            var found = Hits(searcher, compiled!, compiled!.Query, request.Sort, limit, [], ref plan);
            var counted = compiled.Query;
            var highlightTerms = compiled.Terms;

            // Most of three or more plain words, after the items that have them all.
            if (compiled.Partial is { } partial && found.Count < limit && request.Sort == SearchSort.Relevance)
            {
                var partialPlan = Plan(searcher, compiled, all) with { Estimate = plan.Estimate };
                found.AddRange(Hits(searcher, compiled, partial, request.Sort, limit - found.Count, [.. found.Select(f => f.ItemId)], ref partialPlan));
                counted = partial;
                plan = partialPlan;
            }

            // Compound words reached through their ends come after every direct hit.
            if (request.Compounds && found.Count < limit && compiled.ExpandableTerms.Length > 0)
            {
                var expansions = Compounds(searcher.IndexReader, compiled.ExpandableTerms);
                if (expansions.Count > 0)
                {
                    var (expanded, _) = QueryCompiler.Compile(node!, expansions);
                    var expandedPlan = Plan(searcher, expanded!, all);
                    var more = Hits(searcher, expanded!, expanded!.Partial ?? expanded.Query, request.Sort, limit - found.Count, [.. found.Select(f => f.ItemId)], ref expandedPlan);
                    found.AddRange(more.Select(h => h with { Hit = h.Hit with { ViaCompound = true } }));
                    highlightTerms = expanded.Terms;
                    counted = expanded.Partial ?? expanded.Query;
                    plan = expandedPlan;
                }
            }

            var tHits = trace?.Elapsed.TotalMilliseconds;
            var (total, estimated) = Count(searcher, counted, plan);
            var highlight = SnippetHighlighter.Query(highlightTerms, compiled.Prefixes);
            var figures = FiguresOf([.. found.Select(f => f.ItemId)]);
            var hits = found.Select(f => f.Hit with
            {
                Snippet = SnippetHighlighter.Snippet(f.Hit.Snippet, highlight),
                Figures = figures.GetValueOrDefault(f.ItemId, []),
            }).ToImmutableArray();
            var results = new SearchResults(request.Query, total, hits)
            {
                TotalIsEstimate = estimated,
                RankedWindow = plan.Windowed ? plan.Highest - plan.Lowest + 1 : null,
            };
            if (request.Facets)
            {
                var facets = new FacetCollector();
                searcher.Search(counted, plan.Filter(), facets);
                results = results with
                {
                    Facets = facets.Counts().ToImmutableDictionary(f => f.Key, f => f.Value.Select(v => new FacetCount(v.Value, v.Count)).ToImmutableArray()),
                };
            }

            if (trace is not null)
            {
                Console.Error.WriteLine($"TRACE {request.Query}: hits {tHits:0.0} total {trace.Elapsed.TotalMilliseconds:0.0} estimate={plan.Estimate} window={results.RankedWindow}");
            }

            return (results, null);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>
    /// <c>amount:&gt;=X</c> alone, largest amounts first: counted from the index's term statistics and
    /// sorted among the few items above a threshold (see <see cref="AmountThreshold"/>), exactly.
    /// </summary>
    private SearchResults AtLeast(IndexSearcher searcher, CompiledQuery q, string text, double least, int limit)
    {
        var reader = searcher.IndexReader;
        var total = AmountThreshold.CountAtLeast(reader, least);
        using var command = Command(null, "SELECT max(max_amount) FROM items");
        var highest = command.ExecuteScalar() is double h ? h : least;
        var threshold = AmountThreshold.For(reader, least, limit, Math.Max(least, highest));
        var plan = new QueryPlan(0, 0, total, false);
        var top = NumericRangeQuery.NewDoubleRange(IndexFields.MaxAmount, IndexFields.AmountStep, threshold, null, true, true);
        var found = Hits(searcher, q, top, SearchSort.Amount, limit, [], ref plan);
        var highlight = SnippetHighlighter.Query([], []);
        var figures = FiguresOf([.. found.Select(f => f.ItemId)]);
        var hits = found.Select(f => f.Hit with
        {
            Snippet = SnippetHighlighter.Snippet(f.Hit.Snippet, highlight),
            Figures = figures.GetValueOrDefault(f.ItemId, []),
        }).ToImmutableArray();
        return new SearchResults(text, total, hits);
    }

    /// <summary>
    /// Which items a query is ranked among: all of them, or, when its words are expected to match
    /// more than <see cref="RankBudget"/> items, the most recent ones (item ids from
    /// <see cref="Lowest"/> to <see cref="Highest"/>).
    /// </summary>
    private sealed record QueryPlan(long Lowest, long Highest, long Estimate, bool Windowed)
    {
        /// <summary>How many items the last search under this plan matched (exact when it was not windowed).</summary>
        public int Matched { get; init; }

        public Filter? Filter() => Windowed ? NumericRangeFilter.NewInt64Range(IndexFields.Item, IndexFields.ItemStep, Lowest, Highest, true, true) : null;
    }

    private QueryPlan Plan(IndexSearcher searcher, CompiledQuery q, long all)
    {
        var estimate = Estimate(searcher.IndexReader, q);
        if (!q.HasText || estimate <= RankBudget || all == 0)
        {
            return new QueryPlan(0, all, estimate, false);
        }

        var highest = all;
        if (q.Years is { } years)
        {
            // A year filter: the matches expected in those years, and a window that ends at their most recent item.
            var (inYears, lastYear) = YearItems(searcher.IndexReader, years.From, years.To);
            var inRange = estimate * inYears / Math.Max(1, searcher.IndexReader.MaxDoc);
            if (inRange <= RankBudget || lastYear is null)
            {
                return new QueryPlan(0, all, inRange, false);
            }

            estimate = inRange;
            highest = LastItemOfYear(searcher, lastYear.Value) ?? all;
        }

        var window = Math.Max(1, all * RankBudget / Estimate(searcher.IndexReader, q));
        return new QueryPlan(Math.Max(0, highest - window), highest, estimate, highest - window > 0);
    }

    /// <summary>How many items the years hold (one indexed term a year), and the latest of them that has items.</summary>
    private static (long Items, int? LastYear) YearItems(IndexReader reader, int? from, int? to)
    {
        var terms = MultiFields.GetTerms(reader, IndexFields.Year);
        if (terms is null)
        {
            return (0, null);
        }

        long items = 0;
        int? last = null;
        var e = terms.GetEnumerator();
        while (e.MoveNext())
        {
            var year = NumericUtils.PrefixCodedToInt32(e.Term);
            if ((from is null || year >= from) && (to is null || year <= to))
            {
                items += e.DocFreq;
                last = Math.Max(last ?? year, year);
            }
        }

        return (items, last);
    }

    /// <summary>The highest item id of a year (one look at that year's items, sorted by id from doc values).</summary>
    private static long? LastItemOfYear(IndexSearcher searcher, int year)
    {
        var bytes = new BytesRef();
        NumericUtils.Int32ToPrefixCoded(year, 0, bytes);
        var top = searcher.Search(new Lucene.Net.Search.TermQuery(new Term(IndexFields.Year, bytes)), null, 1, new Sort(new SortField(IndexFields.Item, SortFieldType.INT64, true)));
        if (top.ScoreDocs.Length == 0)
        {
            return null;
        }

        var leaves = searcher.IndexReader.Leaves;
        var doc = top.ScoreDocs[0].Doc;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return leaf.AtomicReader.GetNumericDocValues(IndexFields.Item).Get(doc - leaf.DocBase);
    }

    /// <summary>
    /// The expected number of matches from the index's term statistics: with every word required,
    /// the rarest word's items; otherwise the items of all the query's terms.
    /// </summary>
    private static long Estimate(IndexReader reader, CompiledQuery q)
    {
        long Items(IEnumerable<Term> terms) =>
            terms.GroupBy(t => t.Field).Select(g => g.Sum(t => (long)reader.DocFreq(t))).DefaultIfEmpty(0).Max();

        if (q.RequiredTerms.Length > 0)
        {
            return q.RequiredTerms.Min(w => Items(w));
        }

        var terms = q.Terms.Select(t => new Term(IndexFields.Body, t)).ToList();
        return q.Prefixes.Length > 0 ? reader.MaxDoc : terms.Count == 0 ? reader.MaxDoc : terms.Sum(t => (long)reader.DocFreq(t));
    }

    private sealed record Found(long ItemId, SearchHit Hit);

    private List<Found> Hits(IndexSearcher searcher, CompiledQuery q, Query query, SearchSort sort, int limit, HashSet<long> exclude, ref QueryPlan plan)
    {
        while (true)
        {
            var (hits, matched) = HitsIn(searcher, q, query, sort, limit, exclude, plan);
            plan = plan with { Matched = matched };
            if (hits.Count >= limit || !plan.Windowed || plan.Lowest == 0)
            {
                return hits;
            }

            // Too few hits among the most recent items: look four times further back.
            var width = (plan.Highest - plan.Lowest + 1) * 4L;
            plan = plan with { Lowest = Math.Max(0, plan.Highest - width) };
            plan = plan with { Windowed = plan.Lowest > 0 };
        }
    }

    private (List<Found> Hits, int Matched) HitsIn(IndexSearcher searcher, CompiledQuery q, Query query, SearchSort sort, int limit, HashSet<long> exclude, QueryPlan plan)
    {
        var rerank = sort == SearchSort.Relevance && q.HasText && q.Words.Length > 0;
        var wanted = (rerank ? Math.Max(limit * RerankDepthFactor, MinRerankCandidates) : limit) + exclude.Count;
        var order = sort switch
        {
            SearchSort.Date => new Sort(new SortField(IndexFields.Date, SortFieldType.INT64, true), new SortField(IndexFields.Item, SortFieldType.INT64, true)),
            SearchSort.Amount => new Sort(new SortField(IndexFields.MaxAmount, SortFieldType.DOUBLE, true), new SortField(IndexFields.Item, SortFieldType.INT64, true)),
            _ when !q.HasText && q.Query.ToString().Contains(IndexFields.Amount + ":", StringComparison.Ordinal) =>
                new Sort(new SortField(IndexFields.MaxAmount, SortFieldType.DOUBLE, true), new SortField(IndexFields.Item, SortFieldType.INT64, true)),
            _ when !q.HasText => new Sort(new SortField(IndexFields.Item, SortFieldType.INT64, true)),
            _ => null,
        };
        var top = order is null ? searcher.Search(query, plan.Filter(), wanted) : searcher.Search(query, plan.Filter(), wanted, order, doDocScores: true, doMaxScore: false);
        var leaves = searcher.IndexReader.Leaves;
        var candidates = new List<(long Id, double Score)>(top.ScoreDocs.Length);
        foreach (var scoreDoc in top.ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
            var id = leaf.AtomicReader.GetNumericDocValues(IndexFields.Item).Get(scoreDoc.Doc - leaf.DocBase);
            if (!exclude.Contains(id))
            {
                candidates.Add((id, float.IsNaN(scoreDoc.Score) ? 0 : scoreDoc.Score));
            }
        }

        var rows = Rows(candidates.Select(c => c.Id));
        var hits = new List<Found>(candidates.Count);
        foreach (var (id, score) in candidates)
        {
            // An item deleted from the record after this searcher opened (a replace in progress) is skipped.
            if (!rows.TryGetValue(id, out var row))
            {
                continue;
            }

            var hit = row.Hit with { Score = score };
            if (rerank)
            {
                var body = DutchAnalyzer.Analyze(hit.Snippet);
                var question = row.Context is null ? (ImmutableArray<AnalyzedToken>?)null : DutchAnalyzer.Analyze(row.Context);
                hit = hit with { Score = RelevanceRanking.Score(score, hit.Section, body, question, q.Words) };
            }

            hits.Add(new Found(id, hit with { Score = Math.Round(hit.Score, 4) }));
        }

        if (rerank)
        {
            hits = [.. hits.OrderByDescending(h => h.Hit.Score).ThenByDescending(h => h.ItemId)];
        }

        return ([.. hits.Take(limit)], top.TotalHits);
    }

    /// <summary>
    /// How many items match: exact when the ranking saw every match or the words are rare enough to
    /// count every match without scoring; otherwise the window's count scaled to the whole index.
    /// </summary>
    private (long Total, bool Estimated) Count(IndexSearcher searcher, Query query, QueryPlan plan)
    {
        if (!plan.Windowed)
        {
            // Ranking without a window saw (and counted) every match.
            return (plan.Matched, false);
        }

        if (plan.Estimate <= CountBudget)
        {
            var all = new TotalHitCountCollector();
            searcher.Search(query, all);
            return (all.TotalHits, false);
        }

        var window = new TotalHitCountCollector();
        searcher.Search(query, plan.Filter(), window);
        var scale = (double)(plan.Highest + 1) / (plan.Highest - plan.Lowest + 1);
        return ((long)Math.Round(window.TotalHits * scale), true);
    }

    private long MaxItemId()
    {
        using var command = Command(null, "SELECT coalesce(max(id), 0) FROM items");
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private sealed record Row(SearchHit Hit, string? Context);

    /// <summary>The items' text, answered question and written question, by item id.</summary>
    private Dictionary<long, Row> Rows(IEnumerable<long> ids)
    {
        var list = string.Join(',', ids);
        var rows = new Dictionary<long, Row>();
        if (list.Length == 0)
        {
            return rows;
        }

        using var command = Command(null,
            "SELECT i.id, i.section, i.number, i.text, d.source, d.number, d.title, d.date, d.asker, d.minister, "
            + "(SELECT q.text FROM items q WHERE q.document_id = i.document_id AND q.section = 'question' AND q.number = i.question AND i.section = 'answer') "
            + $"FROM items i JOIN documents d ON d.id = i.document_id WHERE i.id IN ({list})");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var hit = new SearchHit(
                reader.GetString(4), NullableInt(reader, 5), NullableString(reader, 6), NullableDate(reader, 7),
                NullableString(reader, 8), NullableString(reader, 9), reader.GetString(1), NullableInt(reader, 2),
                reader.GetString(3), 0, []);
            rows[reader.GetInt64(0)] = new Row(hit, NullableString(reader, 10));
        }

        return rows;
    }

    /// <summary>The money amounts of the index, largest first, optionally only in items matching a query.</summary>
    public (ImmutableArray<AmountRow> Rows, string? Error) Amounts(decimal? min, decimal? max, string? query, int limit)
    {
        HashSet<long>? items = null;
        if (!string.IsNullOrWhiteSpace(query))
        {
            var (node, error) = QueryParser.Parse(query);
            if (error is not null)
            {
                return ([], $"malformed query: {error}");
            }

            var (compiled, compileError) = QueryCompiler.Compile(node!);
            if (compileError is not null)
            {
                return ([], compileError);
            }

            var manager = Searchers();
            var searcher = manager.Acquire();
            try
            {
                var collector = new ItemIdCollector();
                searcher.Search(compiled!.Query, collector);
                items = collector.Ids;
            }
            finally
            {
                manager.Release(searcher);
            }
        }

        var where = "f.kind IN ('money', 'rate')";
        var parameters = new List<(string, object?)>();
        if (min is { } lo)
        {
            where += " AND f.value >= $min";
            parameters.Add(("$min", (double)lo));
        }

        if (max is { } hi)
        {
            where += " AND f.value <= $max";
            parameters.Add(("$max", (double)hi));
        }

        var sql = "SELECT f.value, f.currency, f.kind, f.per, f.text, f.sentence, i.section, i.number, d.source, d.number, d.title, d.date, f.item_id "
                  + "FROM figures f JOIN items i ON i.id = f.item_id JOIN documents d ON d.id = i.document_id "
                  + $"WHERE {where} ORDER BY f.value DESC, d.date DESC" + (items is null ? $" LIMIT {Math.Clamp(limit, 1, 10000)}" : string.Empty);
        using var command = Command(null, sql, [.. parameters]);
        using var reader = command.ExecuteReader();
        var rows = ImmutableArray.CreateBuilder<AmountRow>();
        while (rows.Count < Math.Clamp(limit, 1, 10000) && reader.Read())
        {
            if (items is not null && !items.Contains(reader.GetInt64(12)))
            {
                continue;
            }

            rows.Add(new AmountRow(
                (decimal)reader.GetDouble(0), NullableString(reader, 1), reader.GetString(2), NullableString(reader, 3), reader.GetString(4),
                NullableString(reader, 5), reader.GetString(6), NullableInt(reader, 7), reader.GetString(8), NullableInt(reader, 9),
                NullableString(reader, 10), NullableDate(reader, 11)));
        }

        return (rows.ToImmutable(), null);
    }

    /// <summary>
    /// Indexed terms that end in a query term (compounds: "opvang" → "kinderopvang"), most frequent
    /// first: a prefix of the reversed term in the field of reversed terms.
    /// </summary>
    private static Dictionary<string, ImmutableArray<string>> Compounds(IndexReader reader, ImmutableArray<string> queryTerms)
    {
        var result = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, IndexFields.Reversed);
        if (terms is null)
        {
            return result;
        }

        foreach (var term in queryTerms)
        {
            var reversed = new string([.. term.Reverse()]);
            var prefix = new BytesRef(reversed);
            var e = terms.GetEnumerator();
            if (e.SeekCeil(prefix) == TermsEnum.SeekStatus.END)
            {
                continue;
            }

            var found = new List<(string Term, int Items)>();
            do
            {
                if (!StringHelper.StartsWith(e.Term, prefix))
                {
                    break;
                }

                var compound = new string([.. e.Term.Utf8ToString().Reverse()]);
                if (compound != term)
                {
                    found.Add((compound, e.DocFreq));
                }
            }
            while (e.MoveNext());

            if (found.Count > 0)
            {
                result[term] = [.. found.OrderByDescending(f => f.Items).ThenBy(f => f.Term, StringComparer.Ordinal).Take(MaxCompounds).Select(f => f.Term)];
            }
        }

        return result;
    }

    private Dictionary<long, ImmutableArray<HitFigure>> FiguresOf(List<long> itemIds)
    {
        var result = new Dictionary<long, ImmutableArray<HitFigure>>();
        if (itemIds.Count == 0)
        {
            return result;
        }

        using var command = Command(null, $"SELECT item_id, kind, value, currency, unit, per, text, qualifier, part FROM figures WHERE item_id IN ({string.Join(',', itemIds)}) ORDER BY item_id, id");
        using var reader = command.ExecuteReader();
        var lists = new Dictionary<long, List<HitFigure>>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!lists.TryGetValue(id, out var list))
            {
                lists[id] = list = [];
            }

            list.Add(new HitFigure(reader.GetString(1), (decimal)reader.GetDouble(2), NullableString(reader, 3), NullableString(reader, 4),
                NullableString(reader, 5), reader.GetString(6), NullableString(reader, 7), NullableString(reader, 8)));
        }

        foreach (var (id, list) in lists)
        {
            result[id] = [.. list];
        }

        return result;
    }

    private static string? NullableString(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static int? NullableInt(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

    private static DateOnly? NullableDate(SqliteDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : DateOnly.ParseExact(reader.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
