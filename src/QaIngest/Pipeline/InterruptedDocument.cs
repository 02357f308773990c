namespace QaIngest.Pipeline;

/// <summary>A document an earlier process was reading when it died (or whose outcome it did not commit): its raw file and how many of those deaths happened while its stages ran.</summary>
public sealed record InterruptedDocument(SourceRecord Raw, int Deaths);
