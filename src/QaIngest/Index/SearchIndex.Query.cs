using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using QaIngest.Search;

namespace QaIngest.Index;

/// <content>Searching: compiled queries, ranking, compound expansion, facets, the amounts table.</content>
public sealed partial class SearchIndex
{
    private const int MaxCompounds = 20;
    private const int RerankDepthFactor = 5;
    private const int MinRerankCandidates = 50;

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
        var trace = Environment.GetEnvironmentVariable("QAINGEST_TRACE") is not null ? System.Diagnostics.Stopwatch.StartNew() : null;
        var plan = Plan(compiled!);
        var tPlan = trace?.Elapsed.TotalMilliseconds;
        var direct = Hits(ForHits(node!, compiled!, plan), request.Sort, limit, [], ref plan);
        var tHits = trace?.Elapsed.TotalMilliseconds;
        var hits = direct.Select(h => h.Hit).ToList();
        var highlightTerms = compiled!.Terms;
        var counted = compiled;

        // Compound words reached through their parts come after every direct hit.
        if (request.Compounds && hits.Count < limit && compiled.Match is not null && compiled.ExpandableTerms.Length > 0)
        {
            var expansions = Compounds(compiled.ExpandableTerms);
            if (expansions.Count > 0)
            {
                var (expanded, _) = QueryCompiler.Compile(node!, expansions);
                var expandedPlan = Plan(expanded!);
                var more = Hits(expanded!, request.Sort, limit - hits.Count, [.. direct.Select(h => h.ItemId)], ref expandedPlan);
                hits.AddRange(more.Select(h => h.Hit with { ViaCompound = true }));
                highlightTerms = expanded!.Terms;
                counted = expanded;
                plan = expandedPlan;
            }
        }

        var tCompound = trace?.Elapsed.TotalMilliseconds;
        var (total, estimated) = Count(counted, plan);
        if (trace is not null)
        {
            Console.Error.WriteLine($"TRACE {request.Query}: plan {tPlan:0.0} hits {tHits - tPlan:0.0} compounds {tCompound - tHits:0.0} count {trace.Elapsed.TotalMilliseconds - tCompound:0.0} windowed={plan.Windowed} inproc={plan.ScoreInProcess} window={plan.Highest - plan.WindowLowest}");
        }
        var withSnippets = hits.Select(h => h with { Snippet = Highlighter.Snippet(h.Snippet, highlightTerms, compiled.Prefixes) }).ToImmutableArray();
        var results = new SearchResults(request.Query, total, withSnippets) { TotalIsEstimate = estimated };
        return (request.Facets ? results with { Facets = Facets(counted, plan) } : results, null);
    }

    /// <summary>
    /// The query to choose hits with. FTS5 answers a prefix from a doclist it merges over the whole
    /// index, whatever the rowid range (about 50 ms for a prefix of 500 terms); when only the most
    /// recent matches of a window are read, the prefix's terms OR-ed seek into the window instead.
    /// (Not when bm25 ranks, which would count every row of each term, nor for counting.)
    /// </summary>
    private CompiledQuery ForHits(QueryNode node, CompiledQuery compiled, QueryPlan plan)
    {
        if (PlainPlans || !plan.Windowed || !plan.ScoreInProcess || compiled.Prefixes.Length == 0)
        {
            return compiled;
        }

        var terms = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var prefix in compiled.Prefixes.Distinct(StringComparer.Ordinal))
        {
            using var command = Command(null, $"SELECT term FROM term_items WHERE term >= $p AND term < $q AND items > 0 LIMIT {MaxPrefixTerms + 1}",
                ("$p", prefix), ("$q", prefix + "\uffff"));
            using var reader = command.ExecuteReader();
            var found = ImmutableArray.CreateBuilder<string>();
            while (reader.Read())
            {
                found.Add(reader.GetString(0));
            }

            if (found.Count is > 0 and <= MaxPrefixTerms)
            {
                terms[prefix] = found.ToImmutable();
            }
        }

        return terms.Count == 0 ? compiled : QueryCompiler.Compile(node, null, terms).Query ?? compiled;
    }

    /// <summary>The money amounts of the index, largest first, optionally only in items matching a query.</summary>
    public (ImmutableArray<AmountRow> Rows, string? Error) Amounts(decimal? min, decimal? max, string? query, int limit)
    {
        var where = "f.kind IN ('money', 'rate')";
        var parameters = new List<KeyValuePair<string, object>>();
        string? match = null;
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

            match = compiled!.Match;
            where += $" AND ({compiled.Where})";
            parameters.AddRange(compiled.Parameters);
        }

        if (min is { } lo)
        {
            where += " AND f.value >= $min";
            parameters.Add(new("$min", (double)lo));
        }

        if (max is { } hi)
        {
            where += " AND f.value <= $max";
            parameters.Add(new("$max", (double)hi));
        }

        var sql = "SELECT f.value, f.currency, f.kind, f.per, f.text, f.sentence, i.section, i.number, d.source, d.number, d.title, d.date "
                  + "FROM figures f JOIN items i ON i.id = f.item_id JOIN documents d ON d.id = i.document_id "
                  + (match is null ? string.Empty : "JOIN items_fts ON items_fts.rowid = i.id AND items_fts MATCH $match ")
                  + $"WHERE {where} ORDER BY f.value DESC, d.date DESC LIMIT {Math.Clamp(limit, 1, 10000)}";
        if (match is not null)
        {
            parameters.Add(new("$match", match));
        }

        using var command = Command(null, sql, [.. parameters.Select(p => (p.Key, (object?)p.Value))]);
        using var reader = command.ExecuteReader();
        var rows = ImmutableArray.CreateBuilder<AmountRow>();
        while (reader.Read())
        {
            rows.Add(new AmountRow(
                (decimal)reader.GetDouble(0), NullableString(reader, 1), reader.GetString(2), NullableString(reader, 3), reader.GetString(4),
                NullableString(reader, 5), reader.GetString(6), NullableInt(reader, 7), reader.GetString(8), NullableInt(reader, 9),
                NullableString(reader, 10), NullableDate(reader, 11)));
        }

        return (rows.ToImmutable(), null);
    }

    /// <summary>
    /// Which items a query looks at. A query whose words match more items than can be ranked in time
    /// is ranked among the most recent ones (item ids grow with indexing, and runs index in date
    /// order): a window of ids sized to hold about <see cref="RankBudget"/> matches, widened when it
    /// holds too few hits. A year filter narrows the ids to that year's items first.
    /// </summary>
    private sealed record QueryPlan(long Lowest, long Highest, long WindowLowest)
    {
        public bool Windowed => WindowLowest > Lowest;

        /// <summary>The highest item id of the whole index.</summary>
        public long AllItems { get; init; }

        /// <summary>For a question-number filter: the item id ranges of the documents it selects.</summary>
        public (long From, long To)[]? Ranges { get; init; }

        /// <summary>
        /// True when candidates are scored here rather than by FTS5's bm25, which counts every row of
        /// each query word before it ranks: a common word would cost tens of milliseconds.
        /// </summary>
        public bool ScoreInProcess { get; init; }

        /// <summary>How many items match, when choosing the hits counted them (not in a window).</summary>
        public long? Counted { get; init; }

        /// <summary>The lowest item id facets count from (a window can be narrower for ranking than for facets).</summary>
        public long FacetLowest { get; init; } = long.MaxValue;

        /// <summary>The expected number of matches (an upper bound when all words are required).</summary>
        public long Estimate { get; init; }

        /// <summary>How many items each query word's terms occur in (for the in-process IDF).</summary>
        public IReadOnlyList<long> WordFrequencies { get; init; } = [];
    }

    /// <summary>A word in more items than this makes FTS5's bm25 too slow to use (it counts them all first). Tests lower it.</summary>
    internal long Bm25WordBudget { get; set; } = 30_000;

    /// <summary>How many matches a query ranks at most before it is ranked in a window of recent items. Tests lower it.</summary>
    internal long RankBudget { get; set; } = 6_000;

    /// <summary>
    /// Tests set it to compare with the plain plans: negations inside the FTS5 expression, prefixes
    /// left to FTS5, matches counted by a statement of their own.
    /// </summary>
    internal bool PlainPlans { get; set; }
    private const int InProcessCandidates = 120;

    private const int MaxNumberRanges = 400;

    // A prefix with more terms than this stays a prefix query.
    private const int MaxPrefixTerms = 1_000;

    private const int CountCap = 100_000;
    private const int FacetSample = 20_000;

    private QueryPlan Plan(CompiledQuery q)
    {
        var (lowest, highest) = (0L, MaxItemId());
        if (q.Years is { } years)
        {
            using var command = Command(null, "SELECT min(first_item), max(last_item) FROM year_items WHERE year >= $from AND year <= $to",
                ("$from", years.From ?? int.MinValue), ("$to", years.To ?? int.MaxValue));
            using var reader = command.ExecuteReader();
            (lowest, highest) = reader.Read() && !reader.IsDBNull(0) ? (reader.GetInt64(0), reader.GetInt64(1)) : (1L, 0L);
            if (lowest > highest)
            {
                // No document of those years: nothing to rank, and nothing to widen towards.
                return new QueryPlan(lowest, highest, lowest) { AllItems = MaxItemId() };
            }
        }

        var all = MaxItemId();
        var frequencies = q.Match is null ? [] : WordFrequencies(q);
        var common = (frequencies.Count > 0 && frequencies.Max() > Bm25WordBudget) || q.MatchesPeople;
        if (q.HasNumberFilter && NumberRanges(q) is { } ranges)
        {
            return new QueryPlan(lowest, highest, lowest) { AllItems = all, Ranges = ranges, ScoreInProcess = true, WordFrequencies = frequencies };
        }

        if (q.Match is null)
        {
            return new QueryPlan(lowest, highest, lowest) { AllItems = all };
        }

        var estimate = frequencies.Count == 0 ? all : q.AllWordsRequired ? frequencies.Min() : frequencies.Sum();
        var span = highest - lowest + 1;
        var inSpan = all == 0 ? estimate : estimate * span / Math.Max(1, all);
        if (inSpan <= RankBudget)
        {
            return new QueryPlan(lowest, highest, lowest) { AllItems = all, ScoreInProcess = common, WordFrequencies = frequencies };
        }

        // Scored here, only the most recent candidates are read: a window that holds a few times as
        // many matches will do, and conditions on items and documents are checked for fewer rows.
        // Facets still count in a window of the full budget.
        var window = Math.Max(1, span * (common ? Math.Min(RankBudget, InProcessCandidates * 4) : RankBudget) / inSpan);
        var facetWindow = Math.Max(1, span * RankBudget / inSpan);
        return new QueryPlan(lowest, highest, Math.Max(lowest, highest - window))
        {
            AllItems = all, ScoreInProcess = common, WordFrequencies = frequencies, Estimate = inSpan, FacetLowest = Math.Max(lowest, highest - facetWindow),
        };
    }

    /// <summary>The item id ranges of the documents a question-number filter selects, or null when there are too many.</summary>
    private (long From, long To)[]? NumberRanges(CompiledQuery q)
    {
        using var command = Command(null, $"SELECT first_item, last_item FROM documents WHERE number BETWEEN $from AND $to AND first_item IS NOT NULL ORDER BY first_item LIMIT {MaxNumberRanges + 1}",
            ("$from", q.Numbers!.Value.From), ("$to", q.Numbers.Value.To));
        using var reader = command.ExecuteReader();
        var ranges = new List<(long, long)>();
        while (reader.Read())
        {
            ranges.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return ranges.Count is 0 or > MaxNumberRanges ? (ranges.Count == 0 ? [(1, 0)] : null) : [.. ranges];
    }

    /// <summary>How many items each positive query word occurs in, from the term counts kept at indexing.</summary>
    private List<long> WordFrequencies(CompiledQuery q) =>
        [.. q.Words.Select(w => w.Prefix is { } prefix
            ? Scalar("SELECT coalesce(sum(items), 0) FROM term_items WHERE term >= $p AND term < $q", ("$p", prefix), ("$q", prefix + "\uffff"))
            : w.Terms.Sum(t => Scalar("SELECT coalesce(sum(items), 0) FROM term_items WHERE term = $t", ("$t", t))))];

    private long MaxItemId() => Scalar("SELECT coalesce(max(id), 0) FROM items");

    private long Scalar(string sql, params (string, object?)[] parameters)
    {
        using var command = Command(null, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private List<(long ItemId, SearchHit Hit)> Hits(CompiledQuery q, SearchSort sort, int limit, HashSet<long> exclude, ref QueryPlan plan)
    {
        while (true)
        {
            var (hits, total) = HitsIn(q, sort, limit, exclude, plan);
            if (hits.Count >= limit || !plan.Windowed)
            {
                plan = plan with { Counted = total };
                return hits;
            }

            // Too few hits among the most recent items: look four times further back.
            var width = (plan.Highest - plan.WindowLowest + 1) * 4;
            plan = plan with { WindowLowest = Math.Max(plan.Lowest, plan.Highest - width) };
        }
    }

    private (List<(long ItemId, SearchHit Hit)> Hits, long? Total) HitsIn(CompiledQuery q, SearchSort sort, int limit, HashSet<long> exclude, QueryPlan plan)
    {
        var rerank = sort == SearchSort.Relevance && q.Match is not null && q.Words.Length > 0;
        var hasAmount = q.Where.Contains("max_amount", StringComparison.Ordinal);
        var order = sort switch
        {
            SearchSort.Date => "d.date DESC, i.id DESC",
            SearchSort.Amount => "i.max_amount DESC NULLS LAST, i.id DESC",
            _ when q.Match is not null => "score DESC",
            _ when hasAmount => "i.max_amount DESC, i.id DESC",
            _ => "i.id DESC",
        };
        var excluded = exclude.Count == 0 ? string.Empty : $" AND i.id NOT IN ({string.Join(',', exclude)})";
        var candidates = rerank ? Math.Max(limit * RerankDepthFactor, MinRerankCandidates) : limit;
        var wanted = plan.ScoreInProcess ? Math.Max(candidates, InProcessCandidates) : candidates;

        // A negation checked per candidate: fetch more positive matches than needed, drop those that
        // match a negated word, and fetch again (four times as many) while too few are left.
        var deferNot = DefersNegation(q, plan);
        var fetch = deferNot ? (wanted * 2) + 10 : wanted;
        const string Columns = "i.id, i.section, i.number, i.text, d.source, d.number, d.title, d.date, d.asker, d.minister";
        const string Context = "(SELECT q.text FROM items q WHERE q.document_id = i.document_id AND q.section = 'question' AND q.number = i.number AND i.section = 'answer')";
        // Outside a window every match passes through the sorter anyway: count them on the way.
        var countHere = !PlainPlans && q.Match is not null && !plan.Windowed && !deferNot && exclude.Count == 0;
        long? total = null;
        List<(long Id, SearchHit Hit, string? Context)> read;
        while (true)
        {
            var sql = q.Match is null
                ? $"SELECT {Columns}, 0.0 AS score, NULL FROM items i JOIN documents d ON d.id = i.document_id "
                  + $"WHERE {IdRange(plan)}{q.Where}{excluded} ORDER BY {order} LIMIT {fetch}"
                : $"SELECT {Columns}, t.score AS score, {(rerank ? Context : "NULL")}, {(countHere ? "t.total" : "NULL")} "
                  + $"FROM ({TopMatches(q, plan, sort, exclude, fetch, countHere)}) t JOIN items i ON i.id = t.id JOIN documents d ON d.id = i.document_id "
                  + $"ORDER BY {(plan.ScoreInProcess && sort == SearchSort.Relevance ? "i.id DESC" : order.Replace("score DESC", "t.score DESC", StringComparison.Ordinal))}";
            using var command = Command(null, sql, [.. Parameters(q, deferNot ? q.Positive : q.Match)]);
            read = [];
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var hit = new SearchHit(
                        reader.GetString(4), NullableInt(reader, 5), NullableString(reader, 6), NullableDate(reader, 7),
                        NullableString(reader, 8), NullableString(reader, 9), reader.GetString(1), NullableInt(reader, 2),
                        reader.GetString(3), reader.GetDouble(10), []);
                    read.Add((reader.GetInt64(0), hit, NullableString(reader, 11)));
                    total ??= countHere ? reader.GetInt64(12) : null;
                }
            }

            if (!deferNot)
            {
                total ??= countHere ? 0 : null;
                break;
            }

            var count = read.Count;
            var negated = Negated(q.Negated!, read.Select(r => r.Id));
            read = [.. read.Where(r => !negated.Contains(r.Id)).Take(wanted)];
            if (read.Count >= wanted || count < fetch)
            {
                break;
            }

            fetch *= 4;
        }

        var rows = new List<(long, SearchHit)>(read.Count);
        foreach (var (id, found, context) in read)
        {
            var hit = found;
            if (rerank)
            {
                var body = DutchAnalyzer.Analyze(hit.Snippet);
                var question = context is null ? [] : DutchAnalyzer.Analyze(context);
                var bm25 = plan.ScoreInProcess ? InProcessBm25(q, plan, hit.Title, body, question) : hit.Score;
                hit = hit with { Score = RelevanceRanking.Score(bm25, hit.Section, body, context is null ? null : question, q.Words) };
            }

            rows.Add((id, hit with { Score = Math.Round(hit.Score, 4) }));
        }

        if (rerank)
        {
            rows = [.. rows.OrderByDescending(r => r.Item2.Score).ThenBy(r => r.Item1).Take(limit)];
        }

        var figures = FiguresOf(rows.Select(r => r.Item1).ToList());
        return (rows.Select(r => (r.Item1, r.Item2 with { Figures = figures.GetValueOrDefault(r.Item1, []) })).ToList(), total);
    }

    /// <summary>
    /// The ids and scores of the best <paramref name="count"/> matches, before any item's text is read:
    /// SQLite's sorter keeps every selected column of every match, so the text and the answered
    /// question are fetched for the chosen few only. Items and documents are joined only when a
    /// condition or the sort needs them.
    /// </summary>
    private string TopMatches(CompiledQuery q, QueryPlan plan, SearchSort sort, HashSet<long> exclude, int count, bool withTotal)
    {
        var relevance = sort == SearchSort.Relevance;
        var join = q.Where != "1" || !relevance;
        var excluded = exclude.Count == 0 ? string.Empty : $" AND m.rowid NOT IN ({string.Join(',', exclude)})";
        var order = sort switch
        {
            SearchSort.Date => "d.date DESC, m.rowid DESC",
            SearchSort.Amount => "i.max_amount DESC NULLS LAST, m.rowid DESC",
            // Not handed to FTS5 (the plus makes it an expression): FTS5 walks a doclist backwards
            // slowly, and SQLite would merge the id ranges of a number filter each walked backwards.
            _ when plan.ScoreInProcess => "+m.rowid DESC",
            _ => "m.score DESC",
        };
        var top = plan.Windowed && q.Where == "1" && exclude.Count == 0 && relevance ? count : (int?)null;
        var documents = sort == SearchSort.Date || q.Where.Contains("d.", StringComparison.Ordinal);
        return $"SELECT m.rowid AS id, m.score AS score{(withTotal ? ", count(*) OVER () AS total" : string.Empty)} FROM {FullText(q, plan, scored: true, top: top)}"
               + (join ? " JOIN items i ON i.id = m.rowid" : string.Empty)
               + (join && documents ? " JOIN documents d ON d.id = i.document_id" : string.Empty)
               + $" WHERE {q.Where}{excluded} ORDER BY {order} LIMIT {count}";
    }

    /// <summary>
    /// The full-text matches as a row source <c>m(rowid, score)</c>: within the plan's window, or, when a
    /// question number selects a few documents, within each of their items' id ranges (FTS5 seeks a
    /// rowid range, where a join on each item id would run the whole match every time).
    /// </summary>
    private string FullText(CompiledQuery q, QueryPlan plan, bool scored = false, int? top = null)
    {
        var score = scored && !plan.ScoreInProcess ? $"-{IndexSchema.Bm25}" : "0.0";
        var select = $"SELECT rowid, {score} AS score FROM items_fts WHERE items_fts MATCH $match AND rowid BETWEEN ";
        if (q.HasNumberFilter && plan.Ranges is { Length: > 0 } ranges)
        {
            return "(" + string.Join(" UNION ALL ", ranges.Select(r => $"{select}{r.From} AND {r.To}")) + ") m";
        }

        // In a window of a very common query without other conditions, the best (or, scored here, the
        // most recent) matches are chosen inside the full-text index, before any item's text is read.
        // (Outside a window it does not pay: FTS5 walks an AND of a common and a rare word backwards slowly.)
        var order = top is { } n ? $" ORDER BY {(plan.ScoreInProcess || !scored ? "rowid DESC" : "score DESC")} LIMIT {n}" : string.Empty;
        return $"({select}{plan.WindowLowest} AND {plan.Highest}{order}) m";
    }

    /// <summary>An id range condition on items, left out when it covers every item (so indexes on other columns stay usable).</summary>
    private static string IdRange(QueryPlan plan) =>
        plan.WindowLowest <= 1 && plan.Highest >= plan.AllItems ? string.Empty : $"i.id BETWEEN {plan.WindowLowest} AND {plan.Highest} AND ";

    /// <summary>
    /// BM25 of one candidate computed here, with the column weights of <see cref="IndexSchema.Bm25"/>
    /// (title 3, text 1, question as context 1) and each word's item frequency from the plan.
    /// </summary>
    private static double InProcessBm25(CompiledQuery q, QueryPlan plan, string? title, ImmutableArray<AnalyzedToken> body, ImmutableArray<AnalyzedToken> context)
    {
        const double K1 = 1.2, B = 0.75, AverageLength = 120;
        var titleTerms = title is null ? [] : DutchAnalyzer.Analyze(title).Select(t => t.Term).ToList();
        var contextTerms = context.Select(t => t.Term).ToList();
        var norm = K1 * (1 - B + (B * body.Length / AverageLength));
        var score = 0.0;
        for (var w = 0; w < q.Words.Length; w++)
        {
            var word = q.Words[w];
            bool Has(string term) => word.Prefix is { } p ? term.StartsWith(p, StringComparison.Ordinal) : word.Terms.Contains(term);
            var tf = (3.0 * titleTerms.Count(Has)) + body.Count(t => Has(t.Term)) + contextTerms.Count(Has);
            if (tf == 0)
            {
                continue;
            }

            var df = w < plan.WordFrequencies.Count ? plan.WordFrequencies[w] : 1;
            var idf = Math.Log(1 + ((plan.AllItems - df + 0.5) / (df + 0.5)));
            score += idf * (tf * (K1 + 1)) / (tf + norm);
        }

        return score;
    }

    /// <summary>The number of matching items; counted in the window and scaled up when the plan is windowed.</summary>
    private (long Total, bool Estimated) Count(CompiledQuery q, QueryPlan plan)
    {
        if (plan.Counted is { } exact)
        {
            return (exact, exact > CountCap);
        }

        if (plan.Windowed && plan.Estimate > 0)
        {
            // Counting every match of a very common query costs as much as ranking them all.
            return (plan.Estimate, true);
        }

        // The documents table is joined only when a condition needs it: counting runs over many rows.
        var documents = q.Where.Contains("d.", StringComparison.Ordinal) ? " JOIN documents d ON d.id = i.document_id" : string.Empty;
        // Every full-text row is an item: without conditions the matches are counted in FTS5 alone.
        var from = q.Match is null
            ? $"FROM items i{documents} WHERE {IdRange(plan)}"
            : q.Where == "1" ? $"FROM {FullText(q, plan)} WHERE "
            : $"FROM {FullText(q, plan)} JOIN items i ON i.id = m.rowid{documents} WHERE ";
        var counted = Scalar($"SELECT count(*) FROM (SELECT 1 {from}{q.Where} LIMIT {CountCap + 1})", [.. Parameters(q)]);
        if (counted > CountCap)
        {
            return (counted, true);
        }

        if (!plan.Windowed)
        {
            return (counted, false);
        }

        var scale = (double)(plan.Highest - plan.Lowest + 1) / (plan.Highest - plan.WindowLowest + 1);
        return ((long)Math.Round(counted * scale), true);
    }

    /// <summary>Counts per minister, asker and year over the matches (the window's when windowed), in one pass.</summary>
    private ImmutableDictionary<string, ImmutableArray<FacetCount>> Facets(CompiledQuery q, QueryPlan plan)
    {
        plan = plan with { WindowLowest = Math.Min(plan.WindowLowest, plan.FacetLowest) };
        var from = q.Match is null
            ? $"FROM items i JOIN documents d ON d.id = i.document_id WHERE {IdRange(plan)}"
            : $"FROM {FullText(q, plan)} JOIN items i ON i.id = m.rowid JOIN documents d ON d.id = i.document_id WHERE ";
        var counts = new[] { "minister", "asker", "year" }.ToDictionary(n => n, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        using (var command = Command(null, $"SELECT d.minister, d.asker, d.year {from}{q.Where} LIMIT {FacetSample}", [.. Parameters(q)]))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                for (var column = 0; column < 3; column++)
                {
                    if (!reader.IsDBNull(column))
                    {
                        var value = Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture)!;
                        var facet = counts[column switch { 0 => "minister", 1 => "asker", _ => "year" }];
                        facet[value] = facet.GetValueOrDefault(value) + 1;
                    }
                }
            }
        }

        return counts.ToImmutableDictionary(
            c => c.Key,
            c => c.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(20).Select(v => new FacetCount(v.Key, v.Value)).ToImmutableArray());
    }

    /// <summary>Indexed terms that contain a query term (compounds), most frequent first.</summary>
    private Dictionary<string, ImmutableArray<string>> Compounds(ImmutableArray<string> queryTerms)
    {
        var result = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var term in queryTerms)
        {
            using var command = Command(
                null,
                "SELECT t.term FROM vocabulary_trigrams v JOIN terms t ON t.id = v.rowid JOIN term_items n ON n.term = t.term "
                + $"WHERE vocabulary_trigrams MATCH $q AND t.term <> $t AND n.items > 0 ORDER BY n.items DESC LIMIT {MaxCompounds}",
                ("$q", "\"" + term + "\""), ("$t", term));
            using var reader = command.ExecuteReader();
            var compounds = ImmutableArray.CreateBuilder<string>();
            while (reader.Read())
            {
                compounds.Add(reader.GetString(0));
            }

            if (compounds.Count > 0)
            {
                result[term] = compounds.ToImmutable();
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

    private static IEnumerable<(string, object?)> Parameters(CompiledQuery q) => Parameters(q, q.Match);

    /// <summary>The query's parameters, with <paramref name="match"/> as the full-text expression.</summary>
    private static IEnumerable<(string, object?)> Parameters(CompiledQuery q, string? match)
    {
        foreach (var p in q.Parameters)
        {
            yield return (p.Key, p.Value);
        }

        if (match is not null)
        {
            yield return ("$match", match);
        }
    }

    /// <summary>
    /// True when a top-level negation is better checked per candidate: FTS5's bm25 counts the rows of
    /// every phrase of the expression, the negated ones too, so ranking <c>rare -common</c> inside FTS5
    /// walks the common word's whole doclist. Without bm25 (scored here) FTS5 only seeks, and keeps it.
    /// </summary>
    private bool DefersNegation(CompiledQuery q, QueryPlan plan) =>
        !PlainPlans && q.Negated is not null && q.Positive is not null && !plan.ScoreInProcess;

    /// <summary>Which of the given items match a full-text expression (one statement; FTS5 looks each rowid up).</summary>
    private HashSet<long> Negated(string expression, IEnumerable<long> itemIds)
    {
        var ids = string.Join(',', itemIds);
        var result = new HashSet<long>();
        if (ids.Length == 0)
        {
            return result;
        }

        using var command = Command(null, $"SELECT rowid FROM items_fts WHERE items_fts MATCH $neg AND rowid IN ({ids})", ("$neg", expression));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(reader.GetInt64(0));
        }

        return result;
    }

    private static string? NullableString(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static int? NullableInt(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

    private static DateOnly? NullableDate(SqliteDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : DateOnly.ParseExact(reader.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
