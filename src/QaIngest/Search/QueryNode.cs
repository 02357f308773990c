using System.Collections.Immutable;

namespace QaIngest.Search;

/// <summary>A node of a parsed search query. Immutable.</summary>
public abstract record QueryNode;

/// <summary>A word, optionally a prefix (<c>traject*</c>), optionally limited to a field (<c>title:vdab</c>).</summary>
public sealed record TermQuery(string Word, string? Field = null, bool Prefix = false) : QueryNode;

/// <summary>Words that must stand together in this order (<c>"niet-digitale dienstverlening"</c>).</summary>
public sealed record PhraseQuery(ImmutableArray<string> Words, string? Field = null) : QueryNode;

/// <summary>Every clause must match.</summary>
public sealed record AndQuery(ImmutableArray<QueryNode> Clauses) : QueryNode;

/// <summary>At least one clause must match.</summary>
public sealed record OrQuery(ImmutableArray<QueryNode> Clauses) : QueryNode;

/// <summary>The clause must not match.</summary>
public sealed record NotQuery(QueryNode Clause) : QueryNode;

/// <summary>
/// A numeric filter on a field: <c>year:2021</c>, <c>year:2019..2023</c>, <c>number:693</c>,
/// <c>amount:&gt;=10000000</c>, <c>amount:[2000000 TO 3000000]</c>. Null ends are open.
/// </summary>
public sealed record RangeQuery(string Field, decimal? Min, bool MinInclusive, decimal? Max, bool MaxInclusive) : QueryNode;
