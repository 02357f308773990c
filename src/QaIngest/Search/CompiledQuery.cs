using System.Collections.Immutable;

namespace QaIngest.Search;

/// <summary>
/// A query compiled for the index: an FTS5 MATCH expression (null when the query has no text to
/// rank by), an SQL condition over <c>i</c> (items) and <c>d</c> (documents) with its parameters,
/// and the terms to highlight.
/// </summary>
public sealed record CompiledQuery(
    string? Match,
    string Where,
    ImmutableArray<KeyValuePair<string, object>> Parameters,
    ImmutableHashSet<string> Terms,
    ImmutableArray<string> Prefixes,
    ImmutableArray<string> ExpandableTerms)
{
    /// <summary>
    /// One entry per positive query word: the terms (a word and its compounds) or the prefix that
    /// satisfy it. Ranking rewards items whose own text covers more of them.
    /// </summary>
    public ImmutableArray<QueryWord> Words { get; init; } = [];

    /// <summary>True when every positive word must match (no OR at the top), so the rarest word bounds the matches.</summary>
    public bool AllWordsRequired { get; init; }

    /// <summary>The years a top-level <c>year:</c> filter allows (null ends are open); null without such a filter.</summary>
    public (int? From, int? To)? Years { get; init; }

    /// <summary>The question numbers a top-level <c>number:</c> filter allows, which select few documents; null without one.</summary>
    public (long From, long To)? Numbers { get; init; }

    public bool HasNumberFilter => Numbers is not null;

    /// <summary>
    /// With top-level negations (<c>word -other</c>): <see cref="Match"/> without them, so the index can
    /// rank the positive words alone and drop candidates that match <see cref="Negated"/> afterwards.
    /// Null without top-level negations.
    /// </summary>
    public string? Positive { get; init; }

    /// <summary>
    /// True when a word must match the asker or minister column: a name is in every item of each of
    /// its documents, so it is common, and the index does not count it among its term statistics.
    /// </summary>
    public bool MatchesPeople { get; init; }

    /// <summary>The FTS5 expression of the top-level negated clauses joined by OR; null without them.</summary>
    public string? Negated { get; init; }
}
