using System.Globalization;
using Polly.CircuitBreaker;
using QaIngest.Fetch;
using QaIngest.Tests.Support;

namespace QaIngest.Tests.Fetch;

public sealed class FetchResilienceTests
{
    private static readonly FetchOptions NoPoliteness = new() { PolitenessEnabled = false, MaxRetryAttempts = 3 };

    [Fact]
    public async Task GetAsync_503WithRetryAfterSeconds_WaitsExactlyThatLongBeforeRetrying()
    {
        var time = new FakeTimeProvider();
        var stub = new StubHandler((_, n) => n == 1 ? StubHandler.Status(503, "7") : StubHandler.Pdf());
        using var http = new TestGateway(NoPoliteness, time, stub);
        var attempts = new AttemptCounter();

        var fetch = http.GetAsync("https://docs.vlaamsparlement.be/pfile?id=1", attempts);
        await stub.NextRequestAsync();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.Equal(1, stub.Calls);
        Assert.False(fetch.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.1));
        var response = await fetch;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, stub.Calls);
        Assert.Equal(2, attempts.Count);
    }

    [Fact]
    public async Task GetAsync_429WithRetryAfterHttpDate_WaitsUntilThatDate()
    {
        var time = new FakeTimeProvider();
        var until = time.GetUtcNow().AddSeconds(20).ToString("R", CultureInfo.InvariantCulture);
        var stub = new StubHandler((_, n) => n == 1 ? StubHandler.Status(429, until) : StubHandler.Pdf());
        using var http = new TestGateway(NoPoliteness, time, stub);

        var fetch = http.GetAsync("https://docs.vlaamsparlement.be/pfile?id=1");
        await stub.NextRequestAsync();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(19.9));
        Assert.False(fetch.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(200, (await fetch).StatusCode);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task GetAsync_RetryAfterBeyondCap_WaitsOnlyTheCap()
    {
        var time = new FakeTimeProvider();
        var stub = new StubHandler((_, n) => n == 1 ? StubHandler.Status(503, "86400") : StubHandler.Pdf());
        using var http = new TestGateway(NoPoliteness with { MaxRetryAfter = TimeSpan.FromSeconds(90) }, time, stub);

        var fetch = http.GetAsync("https://docs.vlaamsparlement.be/pfile?id=1");
        await stub.NextRequestAsync();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(90));
        time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(200, (await fetch).StatusCode);
    }

    [Fact]
    public async Task GetAsync_503WithoutRetryAfter_BacksOffAndGivesUpAfterMaxRetries()
    {
        var time = new FakeTimeProvider();
        var stub = new StubHandler((_, _) => StubHandler.Status(503));
        using var http = new TestGateway(NoPoliteness with { RetryBaseDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(8) }, time, stub);
        var attempts = new AttemptCounter();

        var fetch = http.GetAsync("https://docs.vlaamsparlement.be/pfile?id=1", attempts);
        for (var i = 1; i <= 3; i++)
        {
            await stub.NextRequestAsync();
            while (stub.Calls == i && !fetch.IsCompleted)
            {
                time.Advance(TimeSpan.FromMilliseconds(250));
                await Task.Yield();
            }
        }

        var response = await fetch;
        Assert.Equal(503, response.StatusCode);
        Assert.Equal(4, stub.Calls); // the first attempt and 3 retries
        Assert.Equal(4, attempts.Count);
    }

    [Fact]
    public async Task ForHost_RepeatedFailures_OpensCircuitForThatHostOnlyAndClosesAfterBreak()
    {
        var time = new FakeTimeProvider();
        var healthy = false;
        var stub = new StubHandler((_, _) => healthy ? StubHandler.Pdf() : StubHandler.Status(503));
        var options = NoPoliteness with
        {
            MaxRetryAttempts = 0,
            BreakerMinimumThroughput = 4,
            BreakerFailureRatio = 0.5,
            BreakerSamplingDuration = TimeSpan.FromSeconds(30),
            BreakerBreakDuration = TimeSpan.FromSeconds(15),
        };
        using var http = new TestGateway(options, time, stub);
        const string Docs = "https://docs.vlaamsparlement.be/pfile?id=1";

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(503, (await http.GetAsync(Docs)).StatusCode);
        }

        Assert.Equal(CircuitState.Open, http.Resilience.CircuitOf("docs.vlaamsparlement.be"));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => http.GetAsync(Docs));
        Assert.Equal(4, stub.Calls); // an open circuit does not reach the host

        healthy = true;
        Assert.Equal(200, (await http.GetAsync("https://ws.vlpar.be/e/opendata/schv/1")).StatusCode);
        Assert.Equal(CircuitState.Closed, http.Resilience.CircuitOf("ws.vlpar.be"));

        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(200, (await http.GetAsync(Docs)).StatusCode); // the half-open probe succeeds
        Assert.Equal(CircuitState.Closed, http.Resilience.CircuitOf("docs.vlaamsparlement.be"));
        Assert.Equal(200, (await http.GetAsync(Docs)).StatusCode);
        Assert.Equal(7, stub.Calls);
    }

    [Fact]
    public async Task GetAsync_AttemptTimesOut_RetriesAndCountsAttempts()
    {
        var time = new FakeTimeProvider();
        var stub = new StubHandler(async (request, n) =>
        {
            if (n == 1)
            {
                await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }

            return StubHandler.Pdf();
        });
        var options = NoPoliteness with { AttemptTimeout = TimeSpan.FromSeconds(5), RetryBaseDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(1) };
        using var http = new TestGateway(options, time, new CancellableStub(stub));
        var attempts = new AttemptCounter();

        var fetch = http.GetAsync("https://docs.vlaamsparlement.be/pfile?id=1", attempts);
        await stub.NextRequestAsync();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        while (stub.Calls < 2)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        Assert.Equal(200, (await fetch).StatusCode);
        Assert.Equal(2, attempts.Count);
    }

    [Theory]
    [InlineData("Thu, 11 Jan 2024 09:00:30 GMT", 30)]
    [InlineData("Thu, 11 Jan 2024 08:59:00 GMT", 0)]
    public void RetryAfterDelay_HttpDate_MeasuredFromNow(string header, int seconds)
    {
        var value = System.Net.Http.Headers.RetryConditionHeaderValue.Parse(header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), FetchResilience.RetryAfterDelay(value, new DateTimeOffset(2024, 1, 11, 9, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>Lets a hanging stub see the per-attempt cancellation, as a socket would.</summary>
    private sealed class CancellableStub(StubHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            base.SendAsync(request, cancellationToken).WaitAsync(cancellationToken);
    }
}
