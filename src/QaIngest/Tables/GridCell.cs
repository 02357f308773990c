namespace QaIngest.Tables;

/// <summary>
/// One slot of a table's grid as a reader laid it out: the text, and whether it is a copy of a merged
/// cell that started above or to the left. A copy labels (header rows, row-label columns) but is never
/// a body value of its own, so a merged amount is counted once.
/// </summary>
public readonly record struct GridCell(string Text, bool Spanned = false)
{
    public static GridCell Empty { get; } = new("");
}
