namespace QaIngest.Text;

/// <summary>
/// One line of extracted text, trimmed and with runs of spaces collapsed, plus the layout hints
/// that survive extraction: leading indentation (in the parliament's text a page often starts with
/// an indented line), a trailing space (a soft wrap), and how many blank lines precede it.
/// </summary>
public sealed record SourceLine(int Index, string Text, bool Indented, bool TrailingSpace, int BlankLinesBefore)
{
    /// <summary>Two or more blank lines, or a form feed, before the line: a page break in extracted text.</summary>
    public bool AfterPageBreak => BlankLinesBefore >= 2;
}
