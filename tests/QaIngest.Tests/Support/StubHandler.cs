using System.Net;
using System.Threading.Channels;

namespace QaIngest.Tests.Support;

/// <summary>An HTTP handler that answers from a function and lets a test await each request it receives.</summary>
public sealed class StubHandler(Func<HttpRequestMessage, int, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly Channel<HttpRequestMessage> received = Channel.CreateUnbounded<HttpRequestMessage>();
    private int calls;

    public StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond)
        : this((request, n) => Task.FromResult(respond(request, n)))
    {
    }

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Waits (in real time, at most 10 s) for the next request to arrive.</summary>
    public async Task<HttpRequestMessage> NextRequestAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await received.Reader.ReadAsync(timeout.Token);
    }

    public static HttpResponseMessage Status(int status, string? retryAfter = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent([]) };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }

    public static HttpResponseMessage Pdf() =>
        new(HttpStatusCode.OK) { Content = new ByteArrayContent("%PDF-1.4\nstub\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } } };

    public static HttpResponseMessage Redirect(string location) =>
        new(HttpStatusCode.Found) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) }, Content = new ByteArrayContent([]) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref calls);
        received.Writer.TryWrite(request);
        var response = await respond(request, n);
        response.RequestMessage = request;
        return response;
    }
}
