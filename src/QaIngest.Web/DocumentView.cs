using System.Collections.Immutable;

namespace QaIngest.Web;

/// <summary>One written question as the record holds it: its header, its items in order and what it refers to.</summary>
public sealed record DocumentView(
    string Key,
    string Source,
    int? Number,
    DateOnly? Date,
    string? Asker,
    string? Minister,
    string? MinisterTitle,
    string? Title,
    ImmutableArray<ItemView> Items,
    ImmutableArray<DocumentReference> References)
{
    /// <summary>The document's tables (in the answers, and the sheets of its annexes), in the order they were read.</summary>
    public ImmutableArray<TableView> Tables { get; init; } = [];

    /// <summary>The annexes the document lists, with web addresses only (never a local file's path).</summary>
    public ImmutableArray<AnnexView> Annexes { get; init; } = [];

    /// <summary>The parliament's own address of the document, when it was fetched from there.</summary>
    public string? ParliamentUrl =>
        Uri.TryCreate(Source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.AbsoluteUri : null;
}
