using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;

namespace QaIngest.Fetch;

/// <summary>
/// Sends one GET through its host's resilience pipeline and reads the whole body inside the
/// attempt, so a body that is cut short or stalls is retried like a failed request. Never follows
/// redirects itself (the <see cref="LinkResolver"/> checks every hop). Each attempt is admitted by
/// the <see cref="PolitenessPolicy"/> and holds its in-flight slot until the body is read. Thread-safe.
/// </summary>
public sealed class HttpGateway(HttpClient client, FetchResilience resilience, PolitenessPolicy politeness, FetchOptions options)
{
    public async Task<HttpExchange> GetAsync(Uri url, string accept, RequestValidators? validators, AttemptCounter attempts, CancellationToken cancellationToken)
    {
        if (!options.IsAllowed(url))
        {
            throw new FetchFailedException($"not an allowed origin: {(url.IsAbsoluteUri ? FetchOptions.Origin(url) : url.OriginalString)}");
        }

        var pipeline = resilience.ForHost(url.Authority);
        return await pipeline.ExecuteAsync(
            async token =>
            {
                // Admitted first, timed second: queueing behind our own rate limit is not a slow server.
                using var lease = await politeness.AcquireAsync(url.Authority, token).ConfigureAwait(false);
                return await resilience.Attempt.ExecuteAsync(attempt => SendAsync(url, accept, validators, attempts, attempt), token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<HttpExchange> SendAsync(Uri url, string accept, RequestValidators? validators, AttemptCounter attempts, CancellationToken token)
    {
                attempts.Increment();
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Options.Set(PolitenessHandler.AlreadyAdmitted, true);
                request.Headers.Accept.ParseAdd(accept);
                if (validators?.ETag is { } etag)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                if (validators?.LastModified is { } modified)
                {
                    request.Headers.IfModifiedSince = modified;
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var body = status is >= 200 and < 300 and not 204
                    ? await ReadBoundedAsync(response.Content, token).ConfigureAwait(false)
                    : ReadOnlyMemory<byte>.Empty;
                return new HttpExchange(
                    url,
                    status,
                    response.Content.Headers.ContentType?.ToString(),
                    response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified,
                    response.Headers.Location is { } location ? new Uri(url, location) : null,
                    response.Headers.RetryAfter,
                    body);
    }

    private async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var max = options.MaxBodyBytes;
        if (content.Headers.ContentLength is { } declared && declared > max)
        {
            throw new FetchFailedException($"body too large: {declared:N0} bytes declared, at most {max:N0} allowed");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream(content.Headers.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new FetchFailedException($"body too large: more than {max:N0} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
