namespace QaIngest.SiteStandIn;

/// <summary>
/// What a document's file is from a day on (00:00 UTC, on the stand-in's clock): its bytes, their ETag
/// and Last-Modified, and the open-data record's status that day ("Vraag gesteld aan de minister",
/// "Tijdig beantwoord", ...). A document with versions is not served before its first.
/// </summary>
public sealed record SiteVersion(DateOnly From, byte[] Bytes, string ETag, DateTimeOffset LastModified, string Status);
