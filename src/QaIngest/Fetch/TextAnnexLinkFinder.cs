using System.Collections.Immutable;
using System.Text;
using QaIngest.Parse;

namespace QaIngest.Fetch;

/// <summary>
/// Annex links of plain-text documents, from <see cref="QuestionParser"/>'s annex trailer; other
/// formats give none (see <see cref="IAnnexLinkFinder"/> for plugging in text extraction).
/// </summary>
public sealed class TextAnnexLinkFinder : IAnnexLinkFinder
{
    public ValueTask<ImmutableArray<AnnexLink>> FindAsync(FetchedDocument document, CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Format == FileFormat.Text ? FromText(Encoding.UTF8.GetString(document.Body.Span)) : []);

    /// <summary>The annex links of a written question's text (what an extractor produced for other formats).</summary>
    public static ImmutableArray<AnnexLink> FromText(string text)
    {
        var parsed = QuestionParser.Parse(text);
        if (!parsed.Success)
        {
            return [];
        }

        return [.. parsed.Value.Annexes
            .Where(a => a.LinkId is > 0)
            .Select(a => new AnnexLink(LinkId.Create(a.LinkId!.Value), a.Title))
            .DistinctBy(a => a.LinkId)];
    }
}
