namespace QaIngest.Figures;

/// <summary>The kind of a <see cref="FigureToken"/>.</summary>
internal enum FigureTokenKind : byte
{
    Number,
    Word,
    Symbol,
    /// <summary>A URL or e-mail address: skipped as a whole so its digits are never figures.</summary>
    Link,
}

/// <summary>
/// One token of a text as the figure grammar sees it. <see cref="NewlineBefore"/> marks a paragraph
/// break (figures never span one); <see cref="SpaceBefore"/> tells glued tokens ("6a", "ESF-493",
/// "85%") from separate ones.
/// </summary>
internal readonly record struct FigureToken(FigureTokenKind Kind, int Start, int Length, bool SpaceBefore, bool NewlineBefore)
{
    public int End => Start + Length;

    public ReadOnlySpan<char> Span(string text) => text.AsSpan(Start, Length);

    public bool IsSymbol(string text, char c) => Kind == FigureTokenKind.Symbol && text[Start] == c;
}
