using System.Collections.Immutable;
using Lucene.Net.Index;
using Lucene.Net.Search;
using LuceneTermQuery = Lucene.Net.Search.TermQuery;
using LucenePhraseQuery = Lucene.Net.Search.PhraseQuery;

namespace QaIngest.Search;

/// <summary>
/// Compiles a parsed query into a Lucene query. Words go through <see cref="ItemAnalyzer"/>'s chain;
/// an unfielded word matches the title (weight 3), the text, the answered question (1) and hyphen
/// parts (0.5), a phrase the title and the text; <c>year:</c>, <c>number:</c> and <c>amount:</c> are
/// numeric ranges that do not score. <paramref name="expansions"/> maps a term to compound terms it
/// should also match. Pure and thread-safe.
/// </summary>
public sealed class QueryCompiler
{
    private static readonly (string Field, float Weight)[] WordFields =
        [(IndexFields.Title, IndexFields.TitleWeight), (IndexFields.Body, IndexFields.BodyWeight), (IndexFields.Context, IndexFields.ContextWeight), (IndexFields.Parts, IndexFields.PartsWeight)];

    private static readonly (string Field, float Weight)[] PhraseFields =
        [(IndexFields.Title, IndexFields.TitleWeight), (IndexFields.Body, IndexFields.BodyWeight)];

    private readonly HashSet<string> terms = new(StringComparer.Ordinal);
    private readonly List<string> prefixes = [];
    private readonly List<string> expandable = [];
    private readonly List<QueryWord> words = [];
    private readonly List<ImmutableArray<Term>> required = [];
    private readonly IReadOnlyDictionary<string, ImmutableArray<string>> expansions;

    private QueryCompiler(IReadOnlyDictionary<string, ImmutableArray<string>>? expansions) =>
        this.expansions = expansions ?? ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    /// <summary>Compiles a query; returns an error when nothing searchable is left (only stop words).</summary>
    public static (CompiledQuery? Query, string? Error) Compile(QueryNode query, IReadOnlyDictionary<string, ImmutableArray<string>>? expansions = null)
    {
        var compiler = new QueryCompiler(expansions);
        var top = query is AndQuery and ? and.Clauses : [query];
        var compiled = compiler.Node(query, collect: true, topLevel: true);
        if (compiled is null)
        {
            return (null, "the query has nothing to search for (only stop words?)");
        }

        var hasText = top.Any(c => c is TermQuery or PhraseQuery or OrQuery or AndQuery);
        return (new CompiledQuery(compiled, [.. compiler.terms], [.. compiler.prefixes], [.. compiler.expandable.Distinct()])
        {
            Words = [.. compiler.words],
            HasText = hasText && compiler.words.Count + compiler.terms.Count > 0,
            Partial = compiler.Partial(top),
            RequiredTerms = [.. compiler.required],
            Years = top.OfType<RangeQuery>().Where(r => r.Field == "year").ToList() is { Count: > 0 } years
                ? (years.Max(y => y.Min is { } lo ? (int?)Math.Ceiling(lo) : null), years.Min(y => y.Max is { } hi ? (int?)Math.Floor(hi) : null))
                : null,
        }, null);
    }

    /// <summary>
    /// For three or more plain words at the top (no OR): the same query with the plain words as
    /// optional clauses, most of which must match (2 of 3, 3 of 4, 4 of 5 or 6...), as a search
    /// engine treats a typed question. Null otherwise.
    /// </summary>
    private Query? Partial(ImmutableArray<QueryNode> top)
    {
        var plain = top.OfType<TermQuery>().Where(t => t.Field is null && !t.Prefix && DutchAnalyzer.Term(t.Word) is not null).ToList();
        if (plain.Count < 3 || top.Any(c => c is OrQuery))
        {
            return null;
        }

        var partial = new BooleanQuery();
        var inner = new QueryCompiler(expansions);
        foreach (var clause in top)
        {
            if (clause is TermQuery t && plain.Contains(t))
            {
                partial.Add(inner.Node(t, collect: false, topLevel: false)!, Occur.SHOULD);
            }
            else if (clause is NotQuery not)
            {
                if (inner.Node(not.Clause, collect: false, topLevel: false) is { } negated)
                {
                    partial.Add(negated, Occur.MUST_NOT);
                }
            }
            else if (inner.Node(clause, collect: false, topLevel: false) is { } must)
            {
                partial.Add(must, Occur.MUST);
            }
        }

        partial.MinimumNumberShouldMatch = Math.Max(2, (int)Math.Ceiling(plain.Count * 2 / 3.0));
        return partial;
    }

    private Query? Node(QueryNode node, bool collect, bool topLevel)
    {
        switch (node)
        {
            case TermQuery t:
                return Word(t, collect, topLevel);
            case PhraseQuery p:
                return Phrase(p, collect, topLevel);
            case RangeQuery r:
                return Range(r);
            case NotQuery n:
                return Node(n.Clause, collect: false, topLevel: false) is { } negated
                    ? new BooleanQuery { { new MatchAllDocsQuery { Boost = 0 }, Occur.MUST }, { negated, Occur.MUST_NOT } }
                    : null;
            case AndQuery a:
            {
                var and = new BooleanQuery();
                var positive = 0;
                foreach (var clause in a.Clauses)
                {
                    if (clause is NotQuery not)
                    {
                        if (Node(not.Clause, collect: false, topLevel: false) is { } excluded)
                        {
                            and.Add(excluded, Occur.MUST_NOT);
                        }
                    }
                    else if (Node(clause, collect, topLevel) is { } must)
                    {
                        and.Add(must, Occur.MUST);
                        positive++;
                    }
                }

                if (positive == 0)
                {
                    if (and.Clauses.Count == 0)
                    {
                        return null;
                    }

                    and.Add(new MatchAllDocsQuery { Boost = 0 }, Occur.MUST);
                }

                return and;
            }

            case OrQuery o:
            {
                var or = new BooleanQuery();
                foreach (var clause in o.Clauses)
                {
                    if (Node(clause, collect, topLevel: false) is { } should)
                    {
                        or.Add(should, Occur.SHOULD);
                    }
                }

                return or.Clauses.Count == 0 ? null : or;
            }

            default:
                throw new InvalidOperationException($"not a query node: {node}");
        }
    }

    private Query? Word(TermQuery t, bool collect, bool topLevel)
    {
        if (t.Field == "section")
        {
            // A filter on the kind of item, as written: no analysis, no score.
            return new LuceneTermQuery(new Term(IndexFields.SectionFilter, t.Word.ToLowerInvariant())) { Boost = 0 };
        }

        if (t.Field == IndexFields.AnswerKind)
        {
            // A filter on a value as written (single-block), not a word: no analysis, no score.
            return new LuceneTermQuery(new Term(IndexFields.AnswerKind, t.Word.ToLowerInvariant())) { Boost = 0 };
        }

        var fields = t.Field is null ? WordFields : [(t.Field, 1f)];
        if (t.Prefix)
        {
            var prefix = DutchAnalyzer.PrefixTerm(t.Word);
            if (prefix.Length == 0)
            {
                return null;
            }

            if (collect)
            {
                prefixes.Add(prefix);
                words.Add(new QueryWord([], prefix));
            }

            return Disjunction(fields.Select(f => (Query)new PrefixQuery(new Term(f.Field, prefix)) { Boost = f.Weight }));
        }

        var term = DutchAnalyzer.Term(t.Word);
        if (term is null)
        {
            return null;
        }

        var hasCompounds = expansions.TryGetValue(term, out var compounds) && compounds.Length > 0 && t.Field is null;
        ImmutableArray<string> all = hasCompounds ? [term, .. compounds] : [term];
        if (collect)
        {
            terms.UnionWith(all);
            if (t.Field is null && term.Length >= 4 && !char.IsAsciiDigit(term[0]))
            {
                expandable.Add(term);
            }

            if (t.Field is null)
            {
                words.Add(new QueryWord([.. all], null));
            }

            if (topLevel)
            {
                required.Add([.. fields.SelectMany(f => all.Select(x => new Term(f.Field, x)))]);
            }
        }

        return Disjunction(fields.SelectMany(f => all.Select(x => (Query)new LuceneTermQuery(new Term(f.Field, x)) { Boost = f.Weight })));
    }

    private Query? Phrase(PhraseQuery p, bool collect, bool topLevel)
    {
        // A section or answer kind in quotes (as the web page's facet links write it) is the value as written.
        if (p.Field is "section" or IndexFields.AnswerKind)
        {
            return Word(new TermQuery(string.Join(' ', p.Words), p.Field), collect, topLevel);
        }

        var tokens = DutchAnalyzer.Analyze(string.Join(' ', p.Words)).Where(x => !x.IsPart).ToList();
        if (tokens.Count == 0)
        {
            return null;
        }

        var fields = p.Field is null ? PhraseFields : [(p.Field, 1f)];
        if (collect)
        {
            terms.UnionWith(tokens.Select(x => x.Term));
            if (p.Field is null)
            {
                words.AddRange(tokens.Select(x => new QueryWord([x.Term], null)));
            }

            if (topLevel)
            {
                // The rarest word of a phrase bounds its matches.
                required.Add([.. fields.Select(f => new Term(f.Field, tokens[0].Term))]);
            }
        }

        return Disjunction(fields.Select(f =>
        {
            if (tokens.Count == 1)
            {
                return (Query)new LuceneTermQuery(new Term(f.Field, tokens[0].Term)) { Boost = f.Weight };
            }

            var phrase = new LucenePhraseQuery { Boost = f.Weight };
            foreach (var token in tokens)
            {
                phrase.Add(new Term(f.Field, token.Term), token.Position - tokens[0].Position);
            }

            return phrase;
        }));
    }

    private static Query Disjunction(IEnumerable<Query> queries)
    {
        var list = queries.ToList();
        if (list.Count == 1)
        {
            return list[0];
        }

        var or = new BooleanQuery(disableCoord: true);
        foreach (var q in list)
        {
            or.Add(q, Occur.SHOULD);
        }

        return or;
    }

    /// <summary>A numeric filter; it does not score (boost 0), so filters do not change the ranking.</summary>
    private static Query Range(RangeQuery r)
    {
        if (r.Field == "amount")
        {
            return NumericRangeQuery.NewDoubleRange(IndexFields.Amount, IndexFields.AmountStep, (double?)r.Min, (double?)r.Max, r.MinInclusive, r.MaxInclusive).WithBoost(0);
        }

        // Whole numbers: a bound that is not one, or is exclusive, moves to the next whole number inside.
        int? min = r.Min is { } lo ? (int)Math.Clamp(r.MinInclusive ? Math.Ceiling(lo) : Math.Floor(lo) + 1, int.MinValue, int.MaxValue) : null;
        int? max = r.Max is { } hi ? (int)Math.Clamp(r.MaxInclusive ? Math.Floor(hi) : Math.Ceiling(hi) - 1, int.MinValue, int.MaxValue) : null;
        if (r.Field == "year")
        {
            // A year range holds a large share of all items: as a filter its bitset would be built from
            // every posting of every year in it. As a disjunction of its years (one term a year) it is
            // only advanced to the candidates of the other clauses, along skip lists.
            var years = NumericRangeQuery.NewInt32Range(IndexFields.Year, IndexFields.WholeValueStep, min, max, true, true);
            years.MultiTermRewriteMethod = MultiTermQuery.CONSTANT_SCORE_BOOLEAN_QUERY_REWRITE;
            return years.WithBoost(0);
        }

        return NumericRangeQuery.NewInt32Range(IndexFields.Number, IndexFields.WholeValueStep, min, max, true, true).WithBoost(0);
    }
}

/// <summary>Sets a query's boost inline.</summary>
internal static class QueryBoost
{
    public static Query WithBoost(this Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }
}
