using QaIngest.Fetch;

namespace QaIngest.Cli.Output;

/// <summary>
/// The JSON shape of <c>qaingest fetch</c>: counts of documents, the failures with their reasons, the
/// targets not asked because their last fetch failed for good (<c>knownFailures</c>), the same for annexes.
/// </summary>
public sealed record FetchReport(int Fetched, int Unchanged, List<FetchReport.Failure> Failed, List<FetchReport.Failure> KnownFailures, FetchReport.AnnexCounts Annexes, string Data)
{
    public static FetchReport From(FetchBatchReport batch, IEnumerable<FetchOutcome> known, string data) => new(
        batch.Fetched,
        batch.Unchanged,
        [.. batch.Failed.Select(Failure.From)],
        [.. known.Select(Failure.From)],
        new AnnexCounts(
            batch.Annexes.Count(a => a.Status == FetchStatus.Fetched),
            batch.Annexes.Count(a => a.Status == FetchStatus.Unchanged),
            [.. batch.FailedAnnexes.Select(Failure.From)]),
        data);

    /// <summary>A failure; <c>Transient</c>: the next <c>fetch</c> asks again (false: a known failure until <c>retry-failed</c>).</summary>
    public sealed record Failure(string Target, int? LinkId, int? OpenDataId, string? AnnexOf, string Reason, bool Transient)
    {
        public static Failure From(FetchOutcome outcome) =>
            new(outcome.Target, outcome.LinkId?.Value, outcome.OpenDataId?.Value, outcome.AnnexOf, outcome.FailureReason ?? "unknown", outcome.Transient);
    }

    public sealed record AnnexCounts(int Fetched, int Unchanged, List<Failure> Failed);
}
