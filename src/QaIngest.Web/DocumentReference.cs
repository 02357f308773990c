namespace QaIngest.Web;

/// <summary>Another written question a text names ("schriftelijke vraag nr. 651"), with the key of the indexed document of that number when there is exactly one.</summary>
public sealed record DocumentReference(int Number, string? Key);
