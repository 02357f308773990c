namespace QaIngest.Fetch;

/// <summary>Where a URL led after its redirects, and the final response (a body, a 304 or an error status).</summary>
public sealed record ResolvedLink(Uri RequestedUrl, Uri FinalUrl, int Redirects, HttpExchange Response);
