namespace QaIngest.Index;

/// <summary>One money amount in the figures table, with the item and written question it belongs to.</summary>
public sealed record AmountRow(
    decimal Value,
    string? Currency,
    string Kind,
    string? Per,
    string Text,
    string? Sentence,
    string Section,
    int? Number,
    string Source,
    int? DocumentNumber,
    string? Title,
    DateOnly? Date);
