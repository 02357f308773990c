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

    /// <summary>How long a search may take before it is stopped with an error (a web server sets its own). Tests lower it.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many indexed words one prefix may stand for; a prefix that stands for more is an error. Tests lower it.</summary>
    internal int MaxPrefixWords { get; set; } = 50_000;

    /// <summary>Runs a search; a query that cannot be parsed or compiled, or runs past <see cref="TimeLimit"/>, is an error, never an exception.</summary>
    public (SearchResults? Results, string? Error) Search(SearchRequest request)
    {
        var (node, parseError) = QueryParser.Parse(request.Query);
        if (parseError is not null)
        {
            return (null, $"malformed query: {parseError}");
        }

        CompiledQuery? compiled;
        string? compileError;
        try
        {
            (compiled, compileError) = QueryCompiler.Compile(node!);
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            return (null, $"the query has more than {BooleanQuery.MaxClauseCount:N0} clauses in one group (OR'ed words, each over its fields); narrow it down");
        }

        if (compileError is not null)
        {
            return (null, compileError);
        }

        var limit = Math.Clamp(request.Limit, 1, 1000);
        var deadline = new Deadline(TimeLimit);
        var manager = Searchers();
        var searcher = manager.Acquire();
        try
        {
            if (PrefixTooWide(searcher.IndexReader, compiled!.Prefixes, deadline) is { } wide)
            {
                return (null, $"the prefix {wide}* stands for more than {MaxPrefixWords:N0} indexed words; make it longer");
            }

            return (Run(searcher, new TermStates(searcher.IndexReader), request, node!, compiled, limit, deadline), null);
        }
        catch (QueryTimeoutException e)
        {
            return (null, e.Message);
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            return (null, $"the query expands to more than {BooleanQuery.MaxClauseCount:N0} clauses in one group; narrow it down");
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>The first prefix that stands for more than <see cref="MaxPrefixWords"/> words of the text, or null.</summary>
    private string? PrefixTooWide(IndexReader reader, ImmutableArray<string> prefixes, Deadline deadline)
    {
        if (prefixes.Length == 0 || MultiFields.GetTerms(reader, IndexFields.Body) is not { } terms)
        {
            return null;
        }

        foreach (var prefix in prefixes.Distinct(StringComparer.Ordinal))
        {
            var bytes = new BytesRef(prefix);
            var e = terms.GetEnumerator();
            if (e.SeekCeil(bytes) == TermsEnum.SeekStatus.END)
            {
                continue;
            }

            var count = 0;
            do
            {
                if (!StringHelper.StartsWith(e.Term, bytes))
                {
                    break;
                }

                if (++count > MaxPrefixWords)
                {
                    return prefix;
                }

                if ((count & 4095) == 0)
                {
                    deadline.Check();
                }
            }
            while (e.MoveNext());
            deadline.Check();
        }

        return null;
    }

    private SearchResults Run(IndexSearcher searcher, TermStates states, SearchRequest request, QueryNode node, CompiledQuery compiled, int limit, Deadline deadline)
    {
        var trace = Environment.GetEnvironmentVariable("QAINGEST_TRACE") is not null ? System.Diagnostics.Stopwatch.StartNew() : null;
        var all = MaxItemId();
        if (node is RangeQuery { Field: "amount", Min: { } least, Max: null } amount && !request.Facets && request.Sort is SearchSort.Relevance or SearchSort.Amount)
        {
            return AtLeast(searcher, states, compiled, request.Query, amount.MinInclusive ? (double)least : Math.BitIncrement((double)least), limit, deadline);
        }

        var plan = Plan(searcher, states, compiled, all);
        var tPlan = trace?.Elapsed.TotalMilliseconds;
        var found = Hits(searcher, states, compiled, compiled.Query, request.Sort, limit, [], ref plan, deadline);
        var tDirect = trace?.Elapsed.TotalMilliseconds;
        double? tLookup = null;
        var counted = compiled.Query;
        var highlightTerms = compiled.Terms;

        // Most of three or more plain words, after the items that have them all. The total counts the
        // items with most of the words whether or not the page needed them: it does not depend on the limit.
        if (compiled.Partial is { } partial && request.Sort == SearchSort.Relevance)
        {
            counted = partial;
            if (found.Count < limit)
            {
                var partialPlan = Plan(searcher, states, compiled, all) with { Estimate = plan.Estimate };
                found.AddRange(Hits(searcher, states, compiled, partial, request.Sort, limit - found.Count, [.. found.Select(f => f.ItemId)], ref partialPlan, deadline));
                plan = partialPlan;
            }
            else if (!plan.Windowed)
            {
                plan = plan with { Matched = (int)new MatchSets(searcher, deadline, states).Count(partial, null) };
            }
        }

        // Compound words reached through their ends come after every direct hit; the total counts them
        // whether or not the page reached them.
        if (request.Compounds && compiled.ExpandableTerms.Length > 0)
        {
            var expansions = Compounds(states, compiled.ExpandableTerms);
            tLookup = trace?.Elapsed.TotalMilliseconds;
            if (expansions.Count > 0)
            {
                var (expanded, _) = QueryCompiler.Compile(node, expansions);
                var expandedPlan = Plan(searcher, states, expanded!, all);
                counted = expanded!.Partial ?? expanded.Query;
                if (found.Count < limit)
                {
                    var more = Hits(searcher, states, expanded, counted, request.Sort, limit - found.Count, [.. found.Select(f => f.ItemId)], ref expandedPlan, deadline);
                    found.AddRange(more.Select(h => h with { Hit = h.Hit with { ViaCompound = true } }));
                    highlightTerms = expanded.Terms;
                }
                else if (!expandedPlan.Windowed)
                {
                    expandedPlan = expandedPlan with { Matched = (int)new MatchSets(searcher, deadline, states).Count(counted, null) };
                }

                plan = expandedPlan;
            }
        }

        var tHits = trace?.Elapsed.TotalMilliseconds;
        var (total, estimated) = Count(searcher, states, counted, plan, deadline);
        var tCount = trace?.Elapsed.TotalMilliseconds;
        var rows = Rows(found.Select(f => f.ItemId));
        var highlight = SnippetHighlighter.Query(highlightTerms, compiled.Prefixes, found.Where(f => rows.ContainsKey(f.ItemId)).Select(f => rows[f.ItemId].Hit.Snippet));
        var figures = FiguresOf([.. found.Select(f => f.ItemId)]);

        // An item deleted from the record after this searcher opened (a replace in progress) is skipped.
        var hits = found.Where(f => rows.ContainsKey(f.ItemId)).Select(f => rows[f.ItemId].Hit with
        {
            Score = f.Score,
            ViaCompound = f.Hit.ViaCompound,
            Snippet = SnippetHighlighter.Snippet(rows[f.ItemId].Hit.Snippet, highlight),
            Figures = figures.GetValueOrDefault(f.ItemId, []),
        }).ToImmutableArray();
        var results = new SearchResults(request.Query, total, hits)
        {
            TotalIsEstimate = estimated,
            RankedWindow = plan.Windowed ? plan.Highest - plan.Lowest + 1 : null,
        };
        var tRows = trace?.Elapsed.TotalMilliseconds;
        if (request.Facets)
        {
            // Counted in the ranked window when there is one (the facets describe what was ranked), as sets without scoring where they cover the query.
            var facets = new FacetCollector();
            if (plan.Windowed && !MatchSets.Covers(counted))
            {
                searcher.Search(QueryExecution.Filtered(states.Bind(counted), plan.Filter()), new DeadlineCollector(facets, deadline));
            }
            else
            {
                new MatchSets(searcher, deadline, states).Collect(counted, plan.Filter(), facets);
            }
            results = results with
            {
                Facets = facets.Counts().ToImmutableDictionary(f => f.Key, f => f.Value.Select(v => new FacetCount(v.Value, v.Count)).ToImmutableArray()),
            };
        }

        if (trace is not null)
        {
            Console.Error.WriteLine($"TRACE {request.Query}: plan {tPlan:0.0} direct {tDirect:0.0} lookup {tLookup:0.0} hits {tHits:0.0} count {tCount:0.0} rows {tRows:0.0} total {trace.Elapsed.TotalMilliseconds:0.0} estimate={plan.Estimate} window={results.RankedWindow}");
        }

        return results;
    }

    /// <summary>
    /// <c>amount:&gt;=X</c> alone, largest amounts first: counted from the index's term statistics and
    /// sorted among the few items above a threshold (see <see cref="AmountThreshold"/>), exactly.
    /// </summary>
    private SearchResults AtLeast(IndexSearcher searcher, TermStates states, CompiledQuery q, string text, double least, int limit, Deadline deadline)
    {
        var reader = searcher.IndexReader;
        var total = AmountThreshold.CountAtLeast(reader, least);
        using var command = Command(null, "SELECT max(max_amount) FROM items");
        var highest = command.ExecuteScalar() is double h ? h : least;
        var threshold = AmountThreshold.For(reader, least, limit, Math.Max(least, highest));
        var plan = new QueryPlan(0, 0, total, false);
        var top = NumericRangeQuery.NewDoubleRange(IndexFields.MaxAmount, IndexFields.AmountStep, threshold, null, true, true);
        var found = Hits(searcher, states, q, top, SearchSort.Amount, limit, [], ref plan, deadline);
        var highlight = SnippetHighlighter.Query([], [], []);
        var rows = Rows(found.Select(f => f.ItemId));
        var figures = FiguresOf([.. found.Select(f => f.ItemId)]);
        var hits = found.Where(f => rows.ContainsKey(f.ItemId)).Select(f => rows[f.ItemId].Hit with
        {
            Score = f.Score,
            Snippet = SnippetHighlighter.Snippet(rows[f.ItemId].Hit.Snippet, highlight),
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

        /// <summary>The window as a filter on the item ids' doc values (no index of item ids is kept).</summary>
        public Filter? Filter() => Windowed ? new ItemWindowFilter(Lowest, Highest) : null;
    }

    private QueryPlan Plan(IndexSearcher searcher, TermStates states, CompiledQuery q, long all)
    {
        var estimate = Estimate(states, q);
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
            highest = LastItemOfYear(lastYear.Value) ?? all;
        }

        var window = Math.Max(1, all * RankBudget / Estimate(states, q));
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

    /// <summary>
    /// The highest item id of a year, from the record: the items of the year's last written document
    /// (ids of documents and items both grow as they are written). Two index lookups; it only places
    /// the end of a window.
    /// </summary>
    private long? LastItemOfYear(int year)
    {
        using var command = Command(null, "SELECT max(id) FROM items WHERE document_id = (SELECT max(id) FROM documents WHERE year = $y)", ("$y", year));
        return command.ExecuteScalar() is long id ? id : null;
    }

    /// <summary>
    /// The expected number of matches from the index's term statistics: with every word required,
    /// the rarest word's items; otherwise the items of all the query's terms.
    /// </summary>
    private static long Estimate(TermStates states, CompiledQuery q)
    {
        var reader = states.Reader;
        long Items(IEnumerable<Term> terms) =>
            terms.GroupBy(t => t.Field).Select(g => g.Sum(t => (long)states.DocFreq(t))).DefaultIfEmpty(0).Max();

        if (q.RequiredTerms.Length > 0)
        {
            return q.RequiredTerms.Min(w => Items(w));
        }

        var terms = q.Terms.Select(t => new Term(IndexFields.Body, t)).ToList();
        return q.Prefixes.Length > 0 ? reader.MaxDoc : terms.Count == 0 ? reader.MaxDoc : terms.Sum(t => (long)states.DocFreq(t));
    }

    /// <summary>A ranked item: its id, final score and whether it came through a compound; its text and fields are read from the record at the end.</summary>
    private sealed record Found(long ItemId, double Score, SearchHit Hit);

    private static readonly SearchHit NoHit = new(string.Empty, null, null, null, null, null, string.Empty, null, string.Empty, 0, []);

    private List<Found> Hits(IndexSearcher searcher, TermStates states, CompiledQuery q, Query query, SearchSort sort, int limit, HashSet<long> exclude, ref QueryPlan plan, Deadline deadline)
    {
        while (true)
        {
            var (hits, matched) = HitsIn(searcher, states, q, query, sort, limit, exclude, plan, deadline);
            plan = plan with { Matched = matched };
            if (hits.Count >= limit || !plan.Windowed || plan.Lowest == 0)
            {
                return hits;
            }

            // Too few hits among the most recent items: look further back, at least four times as far,
            // and as far as the hits found so far say is needed to hold twice the hits asked for
            // (none found: every item), so a query whose words seldom meet is not run window after window.
            var width = (double)(plan.Highest - plan.Lowest + 1) * (hits.Count == 0 ? double.PositiveInfinity : Math.Max(4.0, 2.0 * limit / hits.Count));
            plan = plan with { Lowest = width >= plan.Highest ? 0 : plan.Highest - (long)width };
            plan = plan with { Windowed = plan.Lowest > 0 };
        }
    }

    private (List<Found> Hits, int Matched) HitsIn(IndexSearcher searcher, TermStates states, CompiledQuery q, Query query, SearchSort sort, int limit, HashSet<long> exclude, QueryPlan plan, Deadline deadline)
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
        ITopDocsCollector collector = order is null
            ? TopScoreDocCollector.Create(wanted, docsScoredInOrder: false)
            : TopFieldCollector.Create(order, wanted, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        searcher.Search(QueryExecution.Filtered(states.Bind(query), plan.Filter()), new DeadlineCollector(collector, deadline));
        var top = collector.GetTopDocs();
        deadline.Check();
        var leaves = searcher.IndexReader.Leaves;
        var candidates = new List<(long Id, int Doc, double Score)>(top.ScoreDocs.Length);
        foreach (var scoreDoc in top.ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
            var id = leaf.AtomicReader.GetNumericDocValues(IndexFields.Item).Get(scoreDoc.Doc - leaf.DocBase);
            if (!exclude.Contains(id))
            {
                candidates.Add((id, scoreDoc.Doc, float.IsNaN(scoreDoc.Score) ? 0 : scoreDoc.Score));
            }
        }

        List<Found> hits;
        if (rerank)
        {
            var scores = Rerank(states, q, candidates);
            hits = [.. candidates.Select((c, i) => new Found(c.Id, Math.Round(scores[i], 4), NoHit)).OrderByDescending(h => h.Score).ThenByDescending(h => h.ItemId)];
        }
        else
        {
            hits = [.. candidates.Select(c => new Found(c.Id, Math.Round(c.Score, 4), NoHit))];
        }

        return ([.. hits.Take(limit)], top.TotalHits);
    }

    /// <summary>
    /// The final scores of BM25 candidates (see <see cref="RelevanceRanking"/>): which query words an
    /// item's own text (whole words and hyphen parts) and its answered question hold is read from the
    /// postings of those words, at the candidates only; a prefix word is looked for in the texts,
    /// analysed again.
    /// </summary>
    private double[] Rerank(TermStates states, CompiledQuery q, List<(long Id, int Doc, double Score)> candidates)
    {
        var reader = states.Reader;
        var scores = new double[candidates.Count];
        var facts = ItemFactsFromIndex(reader, candidates) ?? ItemFacts(candidates.Select(c => c.Id));
        if (q.Words.Any(w => w.Prefix is not null))
        {
            var texts = Rows(candidates.Select(c => c.Id), questions: true);
            for (var i = 0; i < candidates.Count; i++)
            {
                if (texts.TryGetValue(candidates[i].Id, out var row))
                {
                    var question = row.Context is null ? (ImmutableArray<AnalyzedToken>?)null : DutchAnalyzer.Analyze(row.Context);
                    scores[i] = RelevanceRanking.Score(candidates[i].Score, row.Hit.Section, DutchAnalyzer.Analyze(row.Hit.Snippet), question, q.Words);
                }
            }

            return scores;
        }

        var inText = new int[candidates.Count];
        var inQuestion = new int[candidates.Count];
        var leaves = reader.Leaves;
        var order = Enumerable.Range(0, candidates.Count).OrderBy(i => candidates[i].Doc).ToArray();
        foreach (var word in q.Words)
        {
            var text = new bool[candidates.Count];
            var question = new bool[candidates.Count];
            foreach (var term in word.Terms)
            {
                Mark(IndexFields.Body, term, text);
                Mark(IndexFields.Parts, term, text);
                Mark(IndexFields.Context, term, question);
            }

            for (var i = 0; i < candidates.Count; i++)
            {
                inText[i] += text[i] ? 1 : 0;
                inQuestion[i] += question[i] ? 1 : 0;
            }
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var (section, hasQuestion) = facts.GetValueOrDefault(candidates[i].Id, ("answer", false));
            scores[i] = RelevanceRanking.Score(candidates[i].Score, section, (double)inText[i] / q.Words.Length, hasQuestion ? (double)inQuestion[i] / q.Words.Length : null);
        }

        return scores;

        // Marks the candidates whose field holds the term: one postings list per segment, advanced to the candidates in order.
        void Mark(string field, string term, bool[] marks)
        {
            var t = new Term(field, term);
            var leafIndex = -1;
            DocsEnum? docs = null;
            foreach (var i in order)
            {
                var doc = candidates[i].Doc;
                var sub = ReaderUtil.SubIndex(doc, leaves);
                if (sub != leafIndex)
                {
                    leafIndex = sub;
                    docs = states.Docs(leaves[sub], t, leaves[sub].AtomicReader.LiveDocs);
                }

                if (docs is null)
                {
                    continue;
                }

                var local = doc - leaves[sub].DocBase;
                var at = docs.DocID >= local ? docs.DocID : docs.Advance(local);
                if (at == local)
                {
                    marks[i] = true;
                }
                else if (at == DocIdSetIterator.NO_MORE_DOCS)
                {
                    docs = null;
                }
            }
        }
    }

    /// <summary>
    /// The same facts from the index: the section's doc values, and for an answer whether its
    /// question field has a length (an answer carries its question's text there). Null for an index
    /// without section doc values.
    /// </summary>
    private static Dictionary<long, (string Section, bool HasQuestion)>? ItemFactsFromIndex(IndexReader reader, List<(long Id, int Doc, double Score)> candidates)
    {
        var facts = new Dictionary<long, (string, bool)>(candidates.Count);
        var leaves = reader.Leaves;
        foreach (var (id, doc, _) in candidates)
        {
            var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
            var local = doc - leaf.DocBase;
            if (leaf.AtomicReader.GetNumericDocValues(IndexFields.Section) is not { } sections)
            {
                return null;
            }

            var section = (QaIngest.Parse.Section)sections.Get(local);
            var asked = section == QaIngest.Parse.Section.Answer && leaf.AtomicReader.GetNormValues(IndexFields.Context) is { } norms && norms.Get(local) != 0;
            facts[id] = (SectionName(section), asked);
        }

        return facts;
    }

    /// <summary>The section of each item and whether it is an answer to a question of its document, by item id (no text read).</summary>
    private Dictionary<long, (string Section, bool HasQuestion)> ItemFacts(IEnumerable<long> ids)
    {
        var list = string.Join(',', ids);
        var facts = new Dictionary<long, (string, bool)>();
        if (list.Length == 0)
        {
            return facts;
        }

        using var command = Command(null,
            "SELECT i.id, i.section, i.section = 'answer' AND EXISTS (SELECT 1 FROM items q WHERE q.document_id = i.document_id AND q.section = 'question' AND q.number = i.question) "
            + $"FROM items i WHERE i.id IN ({list})");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            facts[reader.GetInt64(0)] = (reader.GetString(1), reader.GetInt64(2) == 1);
        }

        return facts;
    }

    /// <summary>
    /// How many items match: exact when the ranking saw every match or the words are rare enough to
    /// count every match without scoring; otherwise the window's count scaled to the whole index,
    /// never more than the items there are.
    /// </summary>
    private (long Total, bool Estimated) Count(IndexSearcher searcher, TermStates states, Query query, QueryPlan plan, Deadline deadline)
    {
        if (!plan.Windowed)
        {
            // Ranking without a window saw (and counted) every match.
            return (plan.Matched, false);
        }

        var sets = new MatchSets(searcher, deadline, states);
        if (plan.Estimate <= CountBudget)
        {
            return (sets.Count(query, null), false);
        }

        // The window is the newest items: the sets skip every segment outside it and read the postings of
        // the others in the window's range once, without scoring. Phrases, prefixes and amounts are
        // cheaper matched by Lucene led by the window's documents.
        long inWindow;
        if (MatchSets.Covers(query))
        {
            inWindow = sets.Count(query, plan.Filter());
        }
        else
        {
            var window = new TotalHitCountCollector();
            searcher.Search(QueryExecution.Filtered(states.Bind(query), plan.Filter()), new DeadlineCollector(window, deadline));
            inWindow = window.TotalHits;
        }
        var scale = (double)(plan.Highest + 1) / (plan.Highest - plan.Lowest + 1);
        return (Math.Min(searcher.IndexReader.NumDocs, (long)Math.Round(inWindow * scale)), true);
    }

    private long MaxItemId()
    {
        using var command = Command(null, "SELECT coalesce(max(id), 0) FROM items");
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private sealed record Row(SearchHit Hit, string? Context);

    /// <summary>The items' text and written question, by item id; with <paramref name="questions"/> also an answer's question text (<see cref="Row.Context"/>, else null).</summary>
    private Dictionary<long, Row> Rows(IEnumerable<long> ids, bool questions = false)
    {
        var list = string.Join(',', ids);
        var rows = new Dictionary<long, Row>();
        if (list.Length == 0)
        {
            return rows;
        }

        using var command = Command(null,
            "SELECT i.id, i.section, i.number, i.text, d.source, d.number, d.title, d.date, d.asker, d.minister, "
            + (questions ? "(SELECT q.text FROM items q WHERE q.document_id = i.document_id AND q.section = 'question' AND q.number = i.question AND i.section = 'answer') " : "NULL ")
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
    /// Indexed words that end in a query term (compounds: "opvang" → "kinderopvang"), those in most
    /// items first: one range of the record's table of words written backwards (see
    /// <see cref="IndexSchema.InsertWord"/>), counted in the Lucene index's text (looked up with the
    /// search's other terms, see <see cref="TermStates"/>: the expanded query uses the same states).
    /// </summary>
    private Dictionary<string, ImmutableArray<string>> Compounds(TermStates states, ImmutableArray<string> queryTerms)
    {
        var result = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        try
        {
            using var command = Command(null, "SELECT reversed FROM vocabulary WHERE reversed > $p AND reversed < $p || char(1114111) LIMIT 10000", ("$p", string.Empty));
            foreach (var term in queryTerms)
            {
                command.Parameters[0].Value = new string([.. term.Reverse()]);
                var found = new List<(string Term, int Items)>();
                using (var rows = command.ExecuteReader())
                {
                    while (rows.Read())
                    {
                        var compound = new string([.. rows.GetString(0).Reverse()]);
                        var items = states.DocFreq(new Term(IndexFields.Body, compound));
                        if (items > 0)
                        {
                            found.Add((compound, items));
                        }
                    }
                }

                if (found.Count > 0)
                {
                    result[term] = [.. found.OrderByDescending(f => f.Items).ThenBy(f => f.Term, StringComparer.Ordinal).Take(MaxCompounds).Select(f => f.Term)];
                }
            }
        }
        catch (SqliteException)
        {
            // A record written before the table of words: no compounds until it is written again (reindex).
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

        // A record of an older index stage has no table labels until a run writes it again (the version changed).
        hasFigureLabels = hasFigureLabels || DetailsSchema.HasFigureLabels(connection);
        var labels = hasFigureLabels ? "row_label, column_label, table_name" : "NULL, NULL, NULL";
        using var command = Command(null, $"SELECT item_id, kind, value, currency, unit, per, text, qualifier, part, {labels} FROM figures WHERE item_id IN ({string.Join(',', itemIds)}) ORDER BY item_id, id");
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
                NullableString(reader, 5), reader.GetString(6), NullableString(reader, 7), NullableString(reader, 8))
            {
                Row = NullableString(reader, 9),
                Column = NullableString(reader, 10),
                Table = NullableString(reader, 11),
            });
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
