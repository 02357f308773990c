namespace QaIngest.Pipeline;

/// <summary>How a stage last ended for a document: done, failed for good (until its input changes or <c>retry-failed</c>), or failed transiently (retried by the next run).</summary>
public enum StageStatus
{
    Done,
    Failed,
    Retry,
}
