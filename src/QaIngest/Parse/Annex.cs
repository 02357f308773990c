namespace QaIngest.Parse;

/// <summary>An annex listed at the end of an answer: its title (when given) and its permalink.</summary>
public sealed record Annex(string? Title, int? LinkId, string Url);
