using System.Collections.Immutable;
using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Index;

/// <summary>
/// What the index stores for one written question: a stable <see cref="Key"/> (re-indexing the same
/// key replaces the document), where it came from, its parse and its figures.
/// </summary>
public sealed record IndexedDocument(string Key, string Source, WrittenQuestion Question, ImmutableArray<Figure> Figures)
{
    /// <summary>SHA-256 of the document's bytes, when known; lets a pipeline skip unchanged documents.</summary>
    public string? ContentHash { get; init; }
}
