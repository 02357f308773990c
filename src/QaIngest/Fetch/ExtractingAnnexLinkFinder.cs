using System.Collections.Immutable;
using QaIngest.Extract;

namespace QaIngest.Fetch;

/// <summary>
/// Annex links of any document the Extract stage reads (PDF, DOCX, HTML, text): extracts its text,
/// then finds the annex trailer as <see cref="TextAnnexLinkFinder"/> does. A document that cannot
/// be extracted (no <c>pdftotext</c>, a legacy .doc, a reading that timed out, or the extractor
/// refusing work while too many readings are stuck) simply has no annex links here; fetching it
/// still succeeded.
/// </summary>
public sealed class ExtractingAnnexLinkFinder(TextExtractor extractor) : IAnnexLinkFinder
{
    public async ValueTask<ImmutableArray<AnnexLink>> FindAsync(FetchedDocument document, CancellationToken cancellationToken)
    {
        if (document.Format is not (FileFormat.Pdf or FileFormat.Docx or FileFormat.Html or FileFormat.Text))
        {
            return [];
        }

        try
        {
            var extracted = await extractor.ExtractAsync(document.Body.ToArray(), cancellationToken).ConfigureAwait(false);
            return extracted.Success ? TextAnnexLinkFinder.FromText(extracted.Value.Text) : [];
        }
        catch (ExtractionStuckException)
        {
            // Too many readings are stuck past their time limit: this document's annexes are not looked
            // for now. Its own extraction stage meets the same limit and records it as a failure of
            // that document; the fetch stays recorded and the batch goes on.
            return [];
        }
    }
}
