namespace QaIngest.Index;

/// <summary>How much the index holds.</summary>
public sealed record IndexCounts(long Documents, long Items, long Figures, long Terms);
