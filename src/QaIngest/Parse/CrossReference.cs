namespace QaIngest.Parse;

/// <summary>A reference to another written question ("schriftelijke vraag nr. 651 van 12 juni 2020").</summary>
public sealed record CrossReference(string Kind, int Number, DateOnly? Date, TextLocation Location);
