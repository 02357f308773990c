using System.Collections.Immutable;

namespace QaIngest.Extract;

/// <summary>One page of a PDF: its size in points and its visual lines, top to bottom.</summary>
public sealed record PdfPage(int Number, double Width, double Height, ImmutableArray<PdfLine> Lines)
{
    /// <summary>The ruling lines PdfPig reports on the page (table borders); empty from poppler, which does not report them.</summary>
    public ImmutableArray<PdfRule> Rules { get; init; } = [];
}
