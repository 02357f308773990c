namespace QaIngest.Parse;

/// <summary>The <c>ANTWOORD / op vraag nr. N van DATUM / van NAAM</c> block that opens an answer.</summary>
public sealed record AnswerHeader(int? Number, DateOnly? Date, string? Asker);
