using System.Collections.Immutable;

namespace QaIngest.Index;

/// <summary>
/// What the Lucene index holds of one written question: its fields and its items with their row
/// ids. Built from a parse when a document is written, or from the SQLite record by <c>reindex</c>.
/// </summary>
internal sealed record DocumentRecord(string Key, string? Title, string? Asker, string? Minister, DateOnly? Date, int? Number, ImmutableArray<ItemRecord> Items)
{
    /// <summary>The parliament's themes of the document (facet and <c>theme:</c> filter).</summary>
    public ImmutableArray<string> Themes { get; init; } = [];

    /// <summary>How the answer is given (<c>none</c>, <c>numbered</c>, <c>single-block</c>, <c>deferral</c>); null in a record of before version 3.</summary>
    public string? AnswerKind { get; init; }
}

/// <summary>One item: its row id, section, text, the question it answers (text) and its money amounts and rates.</summary>
internal sealed record ItemRecord(long Id, QaIngest.Parse.Section Section, string Text, string? Context, ImmutableArray<double> Amounts);
