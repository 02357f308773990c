using System.Collections.Immutable;
using System.Reflection;

namespace QaIngest.Fetch;

/// <summary>
/// Everything that shapes how QaIngest talks to the parliament's site, with the defaults in one
/// place. <see cref="Validate"/> runs when a fetch session is built, so a bad value fails before the
/// first request. Base URLs are configuration: tests and demos point them all at the stand-in.
/// </summary>
public sealed record FetchOptions
{
    /// <summary>Permalinks: <c>{SiteBaseUrl}link?id=N</c>.</summary>
    public Uri SiteBaseUrl { get; init; } = new("https://www.vlaamsparlement.be/");

    /// <summary>The file store: <c>{DocsBaseUrl}pfile?id=N</c>.</summary>
    public Uri DocsBaseUrl { get; init; } = new("https://docs.vlaamsparlement.be/");

    /// <summary>Open data and search: <c>{ApiBaseUrl}e/opendata/schv/{id}</c>, <c>{ApiBaseUrl}api/search/query/…</c>.</summary>
    public Uri ApiBaseUrl { get; init; } = new("https://ws.vlpar.be/");

    /// <summary>
    /// Where a request, a redirect or a landing-page or annex link may go: each entry one origin (scheme,
    /// host and port, compared exactly). <c>host</c> means <c>https://host:443</c>, <c>host:port</c>
    /// means https on that port, <c>http://host:port</c> names a plain-HTTP origin. Another port or
    /// scheme of an allowed host is not allowed: a redirect there is a permanent failure.
    /// </summary>
    public ImmutableArray<string> AllowedHosts { get; init; } = ["www.vlaamsparlement.be", "docs.vlaamsparlement.be", "ws.vlpar.be"];

    public int MaxRedirects { get; init; } = 5;

    /// <summary>Largest body accepted; a larger one is a failure and never reaches the store.</summary>
    public long MaxBodyBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Politeness per host; off only for benchmarks against the loopback stand-in.</summary>
    public bool PolitenessEnabled { get; init; } = true;

    /// <summary>Requests per second per host: two requests to a host are at least 1/R seconds apart.</summary>
    public double RequestsPerSecond { get; init; } = 2;

    /// <summary>Requests per host whose response (body included) is still being received.</summary>
    public int MaxInFlightPerHost { get; init; } = 4;

    /// <summary>Documents worked on at once in a batch; politeness still limits each host.</summary>
    public int MaxDocumentsInFlight { get; init; } = 8;

    /// <summary>Time-out of one HTTP attempt, body included.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time-out of one document: redirects, landing page, retries and waits included.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxRetryAttempts { get; init; } = 6;

    /// <summary>First back-off delay; doubles per retry, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest <c>Retry-After</c> waited for; a longer one is waited for this long.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Circuit breaker per host: opens when this share of the sampled attempts failed…</summary>
    public double BreakerFailureRatio { get; init; } = 0.9;

    /// <summary>…among at least this many attempts…</summary>
    public int BreakerMinimumThroughput { get; init; } = 20;

    /// <summary>…in this window; then it stays open for <see cref="BreakerBreakDuration"/>.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent on every request so the site's operators know who is asking.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary><c>QaIngest/&lt;version&gt; (+https://github.com/qaingest)</c>.</summary>
    public static string DefaultUserAgent { get; } =
        $"QaIngest/{typeof(FetchOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0"} (+https://github.com/qaingest)";

    /// <summary>The same options with every base URL pointing at <paramref name="baseUrl"/> and only its origin (scheme, host and port) allowed.</summary>
    public FetchOptions WithBaseUrl(Uri baseUrl)
    {
        var root = new Uri(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        return this with { SiteBaseUrl = root, DocsBaseUrl = root, ApiBaseUrl = root, AllowedHosts = [Origin(root)] };
    }

    /// <summary>Whether a request may go to <paramref name="url"/>: http(s), and its origin is one of <see cref="AllowedHosts"/>.</summary>
    public bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && AllowedHosts.Any(entry => string.Equals(OriginOf(entry), Origin(url), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why a redirect or link from <paramref name="from"/> may not be followed to <paramref name="to"/>
    /// (another origin than the allowed ones, or from https down to http), or null when it may.
    /// </summary>
    public string? RefuseToFollow(Uri from, Uri to)
    {
        if (from.Scheme == Uri.UriSchemeHttps && to.IsAbsoluteUri && to.Scheme == Uri.UriSchemeHttp)
        {
            return $"from https down to http ({Origin(to)})";
        }

        return IsAllowed(to) ? null : $"to {(to.IsAbsoluteUri ? Origin(to) : to.OriginalString)}, not an allowed origin ({string.Join(", ", AllowedHosts.Select(OriginOf))})";
    }

    /// <summary><c>scheme://host:port</c> of an absolute URL, the port always written.</summary>
    public static string Origin(Uri url) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{url.Scheme}://{url.IdnHost}:{url.Port}").ToLowerInvariant();

    // An AllowedHosts entry as an origin: "host" and "host:port" are https.
    private static string OriginOf(string entry)
    {
        var text = entry.Contains("://", StringComparison.Ordinal) ? entry : "https://" + entry;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.AbsolutePath == "/"
            ? Origin(url)
            : "invalid:" + entry;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every value that is out of range.</summary>
    public FetchOptions Validate()
    {
        var errors = new List<string>();
        foreach (var (name, url) in new[] { (nameof(SiteBaseUrl), SiteBaseUrl), (nameof(DocsBaseUrl), DocsBaseUrl), (nameof(ApiBaseUrl), ApiBaseUrl) })
        {
            if (url is null || !url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            {
                errors.Add($"{name} must be an absolute http(s) URL");
            }
            else if (!IsAllowed(url))
            {
                errors.Add($"{name} host {url.Host} is not in {nameof(AllowedHosts)} (as {Origin(url)})");
            }
        }

        Check(errors, AllowedHosts.IsDefaultOrEmpty || AllowedHosts.Any(string.IsNullOrWhiteSpace), $"{nameof(AllowedHosts)} must name at least one host and no blank ones");
        Check(errors, !AllowedHosts.IsDefault && AllowedHosts.Any(h => !string.IsNullOrWhiteSpace(h) && OriginOf(h).StartsWith("invalid:", StringComparison.Ordinal)),
            $"{nameof(AllowedHosts)} entries must be host, host:port or http(s)://host[:port]");
        Check(errors, MaxRedirects is < 0 or > 20, $"{nameof(MaxRedirects)} must be 0..20");
        Check(errors, MaxBodyBytes <= 0, $"{nameof(MaxBodyBytes)} must be positive");
        Check(errors, PolitenessEnabled && !(RequestsPerSecond is > 0 and <= 1000), $"{nameof(RequestsPerSecond)} must be in (0, 1000]");
        Check(errors, MaxInFlightPerHost is < 1 or > 256, $"{nameof(MaxInFlightPerHost)} must be 1..256");
        Check(errors, MaxDocumentsInFlight is < 1 or > 256, $"{nameof(MaxDocumentsInFlight)} must be 1..256");
        Check(errors, AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromDays(1), $"{nameof(AttemptTimeout)} must be positive (at most a day)");
        Check(errors, TotalTimeout < AttemptTimeout || TotalTimeout > TimeSpan.FromDays(1), $"{nameof(TotalTimeout)} must be at least {nameof(AttemptTimeout)} (at most a day)");
        Check(errors, MaxRetryAttempts is < 0 or > 100, $"{nameof(MaxRetryAttempts)} must be 0..100");
        Check(errors, RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay, $"{nameof(RetryBaseDelay)} must be positive and at most {nameof(MaxRetryDelay)}");
        Check(errors, MaxRetryAfter < TimeSpan.Zero, $"{nameof(MaxRetryAfter)} must not be negative");
        Check(errors, BreakerFailureRatio is <= 0 or > 1, $"{nameof(BreakerFailureRatio)} must be in (0, 1]");
        Check(errors, BreakerMinimumThroughput < 2, $"{nameof(BreakerMinimumThroughput)} must be at least 2");
        Check(errors, BreakerSamplingDuration < TimeSpan.FromMilliseconds(500), $"{nameof(BreakerSamplingDuration)} must be at least 0.5 s");
        Check(errors, BreakerBreakDuration < TimeSpan.FromMilliseconds(500), $"{nameof(BreakerBreakDuration)} must be at least 0.5 s");
        Check(errors, string.IsNullOrWhiteSpace(UserAgent), $"{nameof(UserAgent)} must not be empty");
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid fetch options: " + string.Join("; ", errors));
        }

        return this;
    }

    private static void Check(List<string> errors, bool failed, string message)
    {
        if (failed)
        {
            errors.Add(message);
        }
    }
}
