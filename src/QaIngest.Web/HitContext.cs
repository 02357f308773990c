namespace QaIngest.Web;

/// <summary>What a page shows beside a hit that the search result does not carry: its document's key and the question an answer answers.</summary>
public sealed record HitContext(string? Key, int? QuestionNumber, string? QuestionText);
