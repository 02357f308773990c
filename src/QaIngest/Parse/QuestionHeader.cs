namespace QaIngest.Parse;

/// <summary>The fields of a <c>SCHRIFTELIJKE VRAAG</c> header block, display-cased.</summary>
internal sealed record QuestionHeader(int? Number, DateOnly? Date, string? Asker, string? Minister, string? MinisterTitle);
