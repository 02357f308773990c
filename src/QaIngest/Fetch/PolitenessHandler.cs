using System.IO;
using System.Net;
using System.Net.Http;

namespace QaIngest.Fetch;

/// <summary>
/// A <see cref="DelegatingHandler"/> that holds every request to its host's politeness limits
/// (<see cref="PolitenessPolicy"/>), so every request of the fetch client is polite. The in-flight
/// slot is released when the response content is disposed, so a body still downloading counts as
/// in flight. Requests the <see cref="HttpGateway"/> already admitted pass straight through.
/// </summary>
public sealed class PolitenessHandler(PolitenessPolicy policy) : DelegatingHandler
{
    /// <summary>Set by <see cref="HttpGateway"/>, which admits its requests before the attempt's time-out starts.</summary>
    public static readonly HttpRequestOptionsKey<bool> AlreadyAdmitted = new("QaIngest.Politeness.AlreadyAdmitted");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AlreadyAdmitted, out var admitted) && admitted)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var host = request.RequestUri?.Authority ?? throw new InvalidOperationException("request without an absolute URL");
        var lease = await policy.AcquireAsync(host, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        response.Content = new LeasedContent(response.Content, lease);
        return response;
    }

    /// <summary>The response content, unchanged, that releases the politeness lease when disposed.</summary>
    private sealed class LeasedContent : HttpContent
    {
        private readonly HttpContent inner;
        private IDisposable? lease;

        public LeasedContent(HttpContent inner, IDisposable lease)
        {
            this.inner = inner;
            this.lease = lease;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            inner.CopyToAsync(stream, cancellationToken);

        protected override Task<Stream> CreateContentReadStreamAsync() => inner.ReadAsStreamAsync();

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => inner.ReadAsStreamAsync(cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? 0;
            return inner.Headers.ContentLength is not null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                Interlocked.Exchange(ref lease, null)?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
