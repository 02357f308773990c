using System.Collections.Immutable;

namespace QaIngest.Fetch;

/// <summary>What a batch did: one outcome per requested target, in request order, and one per annex fetched for them.</summary>
public sealed record FetchBatchReport(ImmutableArray<FetchOutcome> Documents, ImmutableArray<FetchOutcome> Annexes)
{
    public int Fetched => Documents.Count(d => d.Status == FetchStatus.Fetched);

    public int Unchanged => Documents.Count(d => d.Status == FetchStatus.Unchanged);

    public ImmutableArray<FetchOutcome> Failed => [.. Documents.Where(d => d.Status == FetchStatus.Failed)];

    public ImmutableArray<FetchOutcome> FailedAnnexes => [.. Annexes.Where(d => d.Status == FetchStatus.Failed)];

    /// <summary>True when every document and every annex arrived (fetched or unchanged).</summary>
    public bool AllArrived => Failed.IsEmpty && FailedAnnexes.IsEmpty;
}
