namespace QaIngest.Extract;

/// <summary>
/// A ruling line drawn on a PDF page (a stroked line or a thin filled rectangle), in the words' coordinates
/// (PDF points from the top-left corner): a vertical rule stands at x = <see cref="At"/> from y = <see cref="From"/>
/// to <see cref="To"/>, a horizontal one at y = <see cref="At"/> from x = <see cref="From"/> to <see cref="To"/>.
/// </summary>
public sealed record PdfRule(bool Vertical, double At, double From, double To);
