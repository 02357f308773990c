namespace QaIngest.SiteStandIn;

/// <summary>A fault one request has (the same URL asked again may work): what an overloaded site does.</summary>
public enum TransientFault
{
    None,

    /// <summary>503 with <c>Retry-After</c> in seconds.</summary>
    ServiceUnavailable,

    /// <summary>429 with <c>Retry-After</c> as an HTTP date.</summary>
    TooManyRequests,

    /// <summary>The connection is dropped before any response.</summary>
    ConnectionReset,

    /// <summary>The response starts only after <see cref="StandInOptions.SlowDelay"/> (past any sane time-out).</summary>
    Slow,

    /// <summary>The body stops half way while Content-Length promised it all.</summary>
    TruncatedBody,
}
