namespace QaIngest.Pipeline;

/// <summary>
/// The raw file a document's key stands for now: its SHA-256, where it is (a local file or
/// <c>raw/…</c> in the data directory), and for local files the size and modification time that
/// let a run skip hashing a file that did not change.
/// </summary>
public sealed record SourceRecord(string Key, string Source, string RawHash, string RawPath, long? Size, long? ModifiedTicks);
