using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace QaIngest.Search;

/// <summary>
/// Compiles a parsed query into FTS5 and SQL for the index. Words go through the same
/// <see cref="DutchAnalyzer"/> as the indexed text. Text clauses joined by AND become one FTS5
/// MATCH (which also ranks); numeric filters and text inside them become SQL conditions.
/// <paramref name="expansions"/> maps a term to the compound terms it should also match.
/// Pure and thread-safe.
/// </summary>
public sealed class QueryCompiler
{
    private const string DefaultColumns = "{title body context parts}";
    private readonly List<KeyValuePair<string, object>> parameters = [];
    private readonly HashSet<string> terms = new(StringComparer.Ordinal);
    private readonly List<string> prefixes = [];
    private readonly List<string> expandable = [];
    private readonly List<QueryWord> words = [];
    private bool people;
    private readonly IReadOnlyDictionary<string, ImmutableArray<string>> expansions;

    private readonly IReadOnlyDictionary<string, ImmutableArray<string>> prefixTerms;

    private QueryCompiler(IReadOnlyDictionary<string, ImmutableArray<string>>? expansions, IReadOnlyDictionary<string, ImmutableArray<string>>? prefixTerms)
    {
        this.expansions = expansions ?? ImmutableDictionary<string, ImmutableArray<string>>.Empty;
        this.prefixTerms = prefixTerms ?? ImmutableDictionary<string, ImmutableArray<string>>.Empty;
    }

    /// <summary>
    /// Compiles a query; returns an error when nothing searchable is left (only stop words).
    /// <paramref name="prefixTerms"/> maps a prefix (<c>traject*</c>) to every indexed term that starts
    /// with it, which then replace the prefix in the FTS5 expression (the same matches).
    /// </summary>
    public static (CompiledQuery? Query, string? Error) Compile(
        QueryNode query, IReadOnlyDictionary<string, ImmutableArray<string>>? expansions = null, IReadOnlyDictionary<string, ImmutableArray<string>>? prefixTerms = null)
    {
        var compiler = new QueryCompiler(expansions, prefixTerms);
        var (match, where, positive, negated) = compiler.Top(query);
        if (match is null && where is null)
        {
            return (null, "the query has nothing to search for (only stop words?)");
        }

        var top = query is AndQuery and ? and.Clauses : [query];
        var years = top.OfType<RangeQuery>().Where(r => r.Field == "year").ToList();
        return (new CompiledQuery(match, where ?? "1", [.. compiler.parameters], [.. compiler.terms], [.. compiler.prefixes], [.. compiler.expandable.Distinct()])
        {
            Words = [.. compiler.words],
            Positive = negated is null ? null : positive,
            MatchesPeople = compiler.people,
            Negated = negated,
            AllWordsRequired = top.All(c => c is TermQuery or PhraseQuery or RangeQuery or NotQuery),
            Years = years.Count == 0 ? null : (years.Max(y => (int?)y.Min), years.Min(y => (int?)y.Max)),
            Numbers = top.OfType<RangeQuery>().FirstOrDefault(r => r.Field == "number" && r.Min is not null && r.Max is not null) is { } n
                ? ((long)Math.Ceiling(n.Min!.Value), (long)Math.Floor(n.Max!.Value))
                : null,
        }, null);
    }

    private (string? Match, string? Where, string? Positive, string? Negated) Top(QueryNode node)
    {
        var clauses = node is AndQuery and ? and.Clauses : [node];
        var positive = new List<string>();
        var negative = new List<string>();
        var sql = new List<string>();
        foreach (var clause in clauses)
        {
            if (clause is NotQuery not && IsText(not.Clause) && Fts(not.Clause, collect: false) is { } negated)
            {
                negative.Add(negated);
            }
            else if (IsText(clause))
            {
                if (Fts(clause, collect: true) is { } fts)
                {
                    positive.Add(fts);
                }
            }
            else if (Sql(clause) is { } condition)
            {
                sql.Add(condition);
            }
        }

        string? match = null, positives = null, negatives = null;
        if (positive.Count > 0)
        {
            match = positives = string.Join(" AND ", positive);
            if (negative.Count > 0)
            {
                negatives = string.Join(" OR ", negative);
                match = $"({match}) NOT ({negatives})";
            }
        }
        else
        {
            sql.AddRange(negative.Select(n => $"i.id NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH {Parameter(n)})"));
        }

        return (match, sql.Count == 0 ? null : string.Join(" AND ", sql.Select(s => $"({s})")), positives, negatives);
    }

    /// <summary>True for a clause FTS5 can express on its own: text only, NOT only under AND.</summary>
    private static bool IsText(QueryNode node) => node switch
    {
        TermQuery or PhraseQuery => true,
        AndQuery a => a.Clauses.All(c => c is NotQuery n ? IsText(n.Clause) : IsText(c)) && a.Clauses.Any(c => c is not NotQuery),
        OrQuery o => o.Clauses.All(c => c is not NotQuery && IsText(c)),
        _ => false,
    };

    /// <summary>The FTS5 expression of a text clause, or null when it has nothing searchable (stop words).</summary>
    private string? Fts(QueryNode node, bool collect)
    {
        switch (node)
        {
            case TermQuery t:
                return TermExpression(t, collect);
            case PhraseQuery p:
                return PhraseExpression(p, collect);
            case AndQuery a:
            {
                var pos = a.Clauses.Where(c => c is not NotQuery).Select(c => Fts(c, collect)).OfType<string>().ToList();
                var neg = a.Clauses.OfType<NotQuery>().Select(c => Fts(c.Clause, false)).OfType<string>().ToList();
                if (pos.Count == 0)
                {
                    return null;
                }

                var and = pos.Count == 1 ? pos[0] : $"({string.Join(" AND ", pos)})";
                return neg.Count == 0 ? and : $"({and} NOT ({string.Join(" OR ", neg)}))";
            }

            case OrQuery o:
            {
                var parts = o.Clauses.Select(c => Fts(c, collect)).OfType<string>().ToList();
                return parts.Count == 0 ? null : parts.Count == 1 ? parts[0] : $"({string.Join(" OR ", parts)})";
            }

            default:
                throw new InvalidOperationException($"not a text clause: {node}");
        }
    }

    private string? TermExpression(TermQuery t, bool collect)
    {
        var columns = t.Field is null ? DefaultColumns : $"{{{t.Field}}}";
        people |= collect && t.Field is "asker" or "minister";
        if (t.Prefix)
        {
            var folded = DutchAnalyzer.Fold(t.Word);
            if (folded.Length == 0)
            {
                return null;
            }

            var stem = DutchAnalyzer.StemFolded(folded);
            var prefix = stem.Length < folded.Length ? stem : folded;
            if (collect)
            {
                prefixes.Add(prefix);
                words.Add(new QueryWord([], prefix));
            }

            return prefixTerms.TryGetValue(prefix, out var all) && all.Length > 0
                ? $"{columns} : ({string.Join(" OR ", all.Select(Quote))})"
                : $"{columns} : {Quote(prefix)} *";
        }

        var term = DutchAnalyzer.Term(t.Word);
        if (term is null)
        {
            return null;
        }

        if (collect)
        {
            terms.Add(term);
            if (t.Field is null && term.Length >= 4 && !char.IsAsciiDigit(term[0]))
            {
                expandable.Add(term);
            }
        }

        var hasCompounds = expansions.TryGetValue(term, out var compounds) && compounds.Length > 0 && t.Field is null;
        if (collect && t.Field is null)
        {
            words.Add(new QueryWord(hasCompounds ? [term, .. compounds] : [term], null));
        }

        if (hasCompounds)
        {
            if (collect)
            {
                terms.UnionWith(compounds);
            }

            return $"{columns} : ({string.Join(" OR ", new[] { term }.Concat(compounds).Select(Quote))})";
        }

        return $"{columns} : {Quote(term)}";
    }

    private string? PhraseExpression(PhraseQuery p, bool collect)
    {
        var phraseTerms = DutchAnalyzer.Analyze(string.Join(' ', p.Words)).Where(x => !x.IsPart).Select(x => x.Term).ToList();
        if (phraseTerms.Count == 0)
        {
            return null;
        }

        if (collect)
        {
            terms.UnionWith(phraseTerms);
            if (p.Field is null)
            {
                words.AddRange(phraseTerms.Select(x => new QueryWord([x], null)));
            }
        }

        var columns = p.Field is null ? "{title body}" : $"{{{p.Field}}}";
        people |= collect && p.Field is "asker" or "minister";
        return $"{columns} : {Quote(string.Join(' ', phraseTerms))}";
    }

    /// <summary>The SQL condition of a clause that FTS5 cannot express alone.</summary>
    private string? Sql(QueryNode node)
    {
        switch (node)
        {
            case RangeQuery r:
                return Range(r);
            case NotQuery n:
                return Sql(n.Clause) is { } inner ? $"NOT ({inner})" : null;
            case AndQuery a:
            {
                var parts = a.Clauses.Select(Sql).OfType<string>().ToList();
                return parts.Count == 0 ? null : string.Join(" AND ", parts.Select(x => $"({x})"));
            }

            case OrQuery o:
            {
                var parts = o.Clauses.Select(Sql).OfType<string>().ToList();
                return parts.Count == 0 ? null : string.Join(" OR ", parts.Select(x => $"({x})"));
            }

            default:
                return Fts(node, collect: true) is { } fts ? $"i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH {Parameter(fts)})" : null;
        }
    }

    private string Range(RangeQuery r)
    {
        var conditions = new List<string>();
        var column = r.Field switch
        {
            "year" => "d.year",
            "number" => "d.number",
            _ => "f.value",
        };
        if (r.Min is { } min)
        {
            conditions.Add($"{column} {(r.MinInclusive ? ">=" : ">")} {Parameter((double)min)}");
        }

        if (r.Max is { } max)
        {
            conditions.Add($"{column} {(r.MaxInclusive ? "<=" : "<")} {Parameter((double)max)}");
        }

        var condition = conditions.Count == 0 ? "1" : string.Join(" AND ", conditions);
        if (r.Field != "amount")
        {
            return condition;
        }

        // An item's largest amount decides a lower bound alone (and its index orders by it); other
        // bounds need a figure in range, looked up through the item's own figures.
        if (r.Min is { } low && r.Max is null)
        {
            return $"i.max_amount {(r.MinInclusive ? ">=" : ">")} {Parameter((double)low)}";
        }

        var any = $"EXISTS (SELECT 1 FROM figures f INDEXED BY figures_item WHERE f.item_id = i.id AND f.kind IN ('money', 'rate') AND {condition})";
        return r.Min is { } lowest ? $"i.max_amount >= {Parameter((double)lowest)} AND {any}" : any;
    }

    private string Parameter(object value)
    {
        var name = "$q" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add(new(name, value));
        return name;
    }

    private static string Quote(string term)
    {
        var sb = new StringBuilder(term.Length + 2).Append('"');
        foreach (var c in term)
        {
            sb.Append(c == '"' ? "\"\"" : c.ToString());
        }

        return sb.Append('"').ToString();
    }
}
