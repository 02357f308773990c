namespace QaIngest.Fetch;

/// <summary>A document's bytes as fetched (or read back from the store when it did not change), with its recognised format.</summary>
public sealed record FetchedDocument(Uri Url, FileFormat Format, ReadOnlyMemory<byte> Body);
