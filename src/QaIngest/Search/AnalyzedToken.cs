namespace QaIngest.Search;

/// <summary>
/// One indexed term and where it came from: <see cref="Start"/>/<see cref="Length"/> are offsets in
/// the analysed text (for highlighting). A part of a hyphenated word (<c>re</c>, <c>integratie</c>
/// of <c>re-integratie</c>) has <see cref="IsPart"/> set and shares the whole word's position.
/// </summary>
public readonly record struct AnalyzedToken(string Term, int Start, int Length, int Position, bool IsPart);
