namespace QaIngest.Pipeline;

/// <summary>
/// One document's state in one stage: the hash of the input it last ran on, the stage version,
/// how it ended, how many times it was tried, and the last error.
/// </summary>
public sealed record StageRecord(string Key, PipelineStage Stage, string InputHash, int Version, StageStatus Status, int Attempts, string? LastError, DateTimeOffset UpdatedAt)
;
