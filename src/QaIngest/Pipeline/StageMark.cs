namespace QaIngest.Pipeline;

/// <summary>
/// What a run needs to know of one document's state row in one stage, kept small because a run
/// holds one per document and stage: whether there is a row, its version and status, its attempts,
/// and whether it ran on the input the document's stored raw file gives now.
/// </summary>
public readonly record struct StageMark(bool Exists, int Version, StageStatus Status, int Attempts, bool SameInput)
{
    /// <summary>True when the stage need not run again: same input, same version, not waiting for a retry.</summary>
    public bool Covers(int version) => Exists && SameInput && Version == version && Status != StageStatus.Retry;
}
