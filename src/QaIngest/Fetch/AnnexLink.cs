namespace QaIngest.Fetch;

/// <summary>An annex a question's answer links to (<c>link?id=N</c> at its end), with its title when the document gives one.</summary>
public sealed record AnnexLink(LinkId LinkId, string? Title);
