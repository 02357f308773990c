using QaIngest.Fetch;

namespace QaIngest.Tests.Fetch;

/// <summary>A gateway over a stub handler, wired the way the service registration wires the real one.</summary>
internal sealed class TestGateway : IDisposable
{
    public TestGateway(FetchOptions options, TimeProvider time, HttpMessageHandler inner)
    {
        Options = options.Validate();
        Politeness = new PolitenessPolicy(options, time);
        Resilience = new FetchResilience(options, time);
        Client = new HttpClient(new PolitenessHandler(Politeness) { InnerHandler = inner }) { Timeout = Timeout.InfiniteTimeSpan };
        Gateway = new HttpGateway(Client, Resilience, Politeness, options);
    }

    public FetchOptions Options { get; }
    public PolitenessPolicy Politeness { get; }
    public FetchResilience Resilience { get; }
    public HttpClient Client { get; }
    public HttpGateway Gateway { get; }

    public Task<HttpExchange> GetAsync(string url, AttemptCounter? attempts = null) =>
        Gateway.GetAsync(new Uri(url), "*/*", null, attempts ?? new AttemptCounter(), CancellationToken.None);

    public void Dispose()
    {
        Client.Dispose();
        Resilience.Dispose();
        Politeness.Dispose();
    }
}
