using System.Collections.Immutable;

namespace QaIngest.Extract;

/// <summary>
/// The text of one document in the form the parser consumes: one paragraph per line (the lines of
/// a paragraph already joined by <see cref="Text.LineJoiner"/>), a blank line between paragraphs,
/// and a form feed on its own line at each page break. A paragraph that runs across a page break is
/// kept whole and the form feed follows it, so the break is marked at the first paragraph boundary
/// on or after the real one.
/// </summary>
public sealed record ExtractedText
{
    public required string Text { get; init; }
    public required SourceFormat Format { get; init; }

    /// <summary>Pages in the source; 1 for HTML and plain text, counted page breaks + 1 for DOCX.</summary>
    public int PageCount { get; init; } = 1;

    /// <summary>Link targets (href) found in the source, in document order, without duplicates.</summary>
    public ImmutableArray<string> Links { get; init; } = [];

    /// <summary>Which PDF engine read the text: <c>pdfpig</c>, or <c>poppler</c> when PdfPig could not and poppler is installed; null for other formats.</summary>
    public string? Engine { get; init; }

    /// <summary>
    /// A PDF's pages as laid out (lines of positioned words), for the readers that need positions (tables,
    /// <see cref="Tables.PdfTableReader"/>); empty for other formats. Not serialised.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImmutableArray<PdfPage> Pages { get; init; } = [];

    /// <summary>Things that did not stop extraction but a reader should know (dropped headers, poppler warnings).</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];
}
