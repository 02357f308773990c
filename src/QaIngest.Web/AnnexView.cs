namespace QaIngest.Web;

/// <summary>An annex a document lists: its title when the document gives one, and its address on the parliament's site.</summary>
public sealed record AnnexView(string? Title, string Url);
