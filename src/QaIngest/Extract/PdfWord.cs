namespace QaIngest.Extract;

/// <summary>One word as the PDF engine (PdfPig, or poppler as the fallback) placed it on the page, in PDF points from the top-left corner.</summary>
public sealed record PdfWord(string Text, double XMin, double YMin, double XMax, double YMax)
{
    public double Width => XMax - XMin;
    public double Height => YMax - YMin;
}
