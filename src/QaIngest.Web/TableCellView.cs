namespace QaIngest.Web;

/// <summary>A number cell of a <see cref="TableView"/>: its row and column labels and its text as written.</summary>
public sealed record TableCellView(string Row, string Column, string Text);
