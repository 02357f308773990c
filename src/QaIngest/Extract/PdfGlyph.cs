namespace QaIngest.Extract;

/// <summary>
/// One drawn character as <see cref="PdfWordBuilder"/> receives it: its text, its loose box (the
/// font's ascent to descent, the same for every glyph of a font, as poppler measures words) in PDF
/// points from the top-left corner, its baseline and its size in points. Engine-neutral, so the
/// word rules can be tested without a PDF.
/// </summary>
internal readonly record struct PdfGlyph(string Text, double XMin, double YMin, double XMax, double YMax, double Baseline, double FontSize, bool Horizontal);
