using System.Collections.Immutable;

namespace QaIngest.Fetch;

/// <summary>
/// Finds the annex links of a fetched document. The fetcher calls it for every question document
/// (fetched or unchanged) and fetches what it returns as annexes of that question. Text documents
/// are handled by <see cref="TextAnnexLinkFinder"/>; PDF, DOCX and HTML need the Extract stage,
/// which plugs in here by wrapping it (extract the text, then parse it the same way).
/// </summary>
public interface IAnnexLinkFinder
{
    ValueTask<ImmutableArray<AnnexLink>> FindAsync(FetchedDocument document, CancellationToken cancellationToken);
}
