using System.Collections.Immutable;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace QaIngest.Search;

/// <summary>
/// A query compiled for the index: the Lucene query (every word required, filters, negations),
/// the terms and prefixes to highlight, and the words ranking looks for in an item's own text.
/// </summary>
public sealed record CompiledQuery(
    Query Query,
    ImmutableHashSet<string> Terms,
    ImmutableArray<string> Prefixes,
    ImmutableArray<string> ExpandableTerms)
{
    /// <summary>
    /// One entry per positive query word: the terms (a word and its compounds) or the prefix that
    /// satisfy it. Ranking rewards items whose own text covers more of them.
    /// </summary>
    public ImmutableArray<QueryWord> Words { get; init; } = [];

    /// <summary>False for a query of filters only (<c>amount:&gt;=1000000</c>): nothing to score by.</summary>
    public bool HasText { get; init; }

    /// <summary>For three or more plain words: the query that finds items with most of them (see <see cref="QueryCompiler"/>); else null.</summary>
    public Query? Partial { get; init; }

    /// <summary>
    /// Per top-level required word or phrase, the terms (field and term) any of which it matches:
    /// the rarest bounds how many items the query matches, which decides whether it is ranked in a window.
    /// </summary>
    public ImmutableArray<ImmutableArray<Term>> RequiredTerms { get; init; } = [];

    /// <summary>The years a top-level <c>year:</c> filter allows (null ends are open); null without such a filter.</summary>
    public (int? From, int? To)? Years { get; init; }
}
