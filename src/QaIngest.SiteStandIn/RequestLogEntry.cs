namespace QaIngest.SiteStandIn;

/// <summary>One request the stand-in received: when, what, how it answered and which fault it injected.</summary>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    int Status,
    TransientFault Fault,
    long BodyBytes,
    TimeSpan Duration,
    string? UserAgent,
    bool Conditional)
{
    public override string ToString() =>
        $"{Time:HH:mm:ss.fff} {Method} {Path}{Query} -> {(Status == 0 ? "reset" : Status)} {BodyBytes}B {Duration.TotalMilliseconds:0}ms{(Fault == TransientFault.None ? "" : " fault=" + Fault)}{(Conditional ? " conditional" : "")}";
}
