namespace QaIngest.Pipeline;

/// <summary>Where a run is: a phase (discover, fetch, process), how far, and the last document done.</summary>
public sealed record RunProgress(string Phase, int Done, int Total, string? Current = null);
