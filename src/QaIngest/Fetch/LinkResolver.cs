namespace QaIngest.Fetch;

/// <summary>
/// Resolves a permalink (<c>link?id=N</c>) or any document URL by following its redirects: at most
/// <see cref="FetchOptions.MaxRedirects"/>, only to allowed origins (scheme, host and port), never
/// from https to http, never in a loop. Each hop is a
/// request of its own through <see cref="HttpGateway"/> (politeness, retries, time-outs), and a hop
/// fetched before is asked conditionally. Thread-safe.
/// </summary>
public sealed class LinkResolver(HttpGateway gateway, FetchOptions options, Func<Uri, RequestValidators?> validatorsFor)
{
    public const string DocumentAccept = "application/pdf, text/html;q=0.9, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/msword, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, */*;q=0.5";

    /// <summary>The permalink of a link id on the configured site.</summary>
    public Uri LinkUrl(LinkId id) => new(options.SiteBaseUrl, $"link?id={id}");

    public Task<ResolvedLink> ResolveAsync(LinkId id, AttemptCounter attempts, CancellationToken cancellationToken) =>
        FollowAsync(LinkUrl(id), DocumentAccept, attempts, cancellationToken);

    /// <summary>Follows <paramref name="url"/>; throws <see cref="FetchFailedException"/> for a bad redirect.</summary>
    public async Task<ResolvedLink> FollowAsync(Uri url, string accept, AttemptCounter attempts, CancellationToken cancellationToken)
    {
        var chain = new List<Uri> { url };
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            if (redirects == 0 && !options.IsAllowed(current))
            {
                throw new FetchFailedException($"not an allowed origin: {(current.IsAbsoluteUri ? FetchOptions.Origin(current) : current.OriginalString)}");
            }

            if (redirects > 0 && options.RefuseToFollow(chain[^2], current) is { } refused)
            {
                // Same scheme, host and port only: another port of the same host is another server.
                throw new FetchFailedException($"redirect refused: {refused} ({Describe(chain)})");
            }

            var response = await gateway.GetAsync(current, accept, validatorsFor(current), attempts, cancellationToken).ConfigureAwait(false);
            if (!response.IsRedirect)
            {
                return new ResolvedLink(url, current, redirects, response);
            }

            var next = response.Location ?? throw new FetchFailedException($"redirect without a Location header from {current}", response.StatusCode);
            if (chain.Contains(next))
            {
                chain.Add(next);
                throw new FetchFailedException($"redirect loop: {Describe(chain)}", response.StatusCode);
            }

            chain.Add(next);
            if (redirects + 1 > options.MaxRedirects)
            {
                throw new FetchFailedException($"too many redirects (more than {options.MaxRedirects}): {Describe(chain)}", response.StatusCode);
            }

            current = next;
        }
    }

    // Paths on the same origin; a hop to another origin written in full, so the reason says where it went.
    private static string Describe(List<Uri> chain) =>
        string.Join(" -> ", chain.Select((u, i) => i > 0 && FetchOptions.Origin(u) != FetchOptions.Origin(chain[i - 1]) ? u.AbsoluteUri : u.PathAndQuery));
}
