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

    /// <summary>The parliament's themes (<c>thema</c>) of the document, from its metadata; empty when unknown.</summary>
    public ImmutableArray<string> Themes { get; init; } = [];

    /// <summary>Where the parliament publishes the document (its PDF), when known from its metadata or its fetch.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The consistency checks between the figures (stored with them, exported as the <c>checks</c> table).</summary>
    public ImmutableArray<Check> Checks { get; init; } = [];
}
