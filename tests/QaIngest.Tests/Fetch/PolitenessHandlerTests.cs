using QaIngest.Fetch;
using QaIngest.Tests.Support;

namespace QaIngest.Tests.Fetch;

public sealed class PolitenessHandlerTests
{
    [Fact]
    public async Task SendAsync_DefaultRate_LetsOneRequestThroughEveryHalfSecondPerHost()
    {
        var time = new FakeTimeProvider();
        var stub = new StubHandler((_, _) => StubHandler.Pdf());
        using var http = new TestGateway(new FetchOptions(), time, stub);

        var requests = Enumerable.Range(1, 3).Select(i => http.Client.GetAsync($"https://docs.vlaamsparlement.be/pfile?id={i}")).ToList();
        await stub.NextRequestAsync();
        var other = await http.Client.GetAsync("https://ws.vlpar.be/e/opendata/schv/1"); // another host has its own budget
        await stub.NextRequestAsync();
        Assert.Equal(2, stub.Calls);

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(2, stub.Calls);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await stub.NextRequestAsync();
        Assert.Equal(3, stub.Calls);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await stub.NextRequestAsync();
        await Task.WhenAll(requests);
        Assert.Equal(4, stub.Calls);
        foreach (var response in requests.Select(r => r.Result).Append(other))
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task SendAsync_SlowResponses_AtMostFourInFlightPerHostUntilABodyIsDisposed()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource();
        var stub = new StubHandler(async (_, _) =>
        {
            await release.Task;
            return StubHandler.Pdf();
        });
        using var http = new TestGateway(new FetchOptions { RequestsPerSecond = 100 }, time, stub);

        var requests = Enumerable.Range(1, 6).Select(i => http.Client.GetAsync($"https://docs.vlaamsparlement.be/pfile?id={i}")).ToList();
        for (var i = 0; i < 4; i++)
        {
            await stub.NextRequestAsync();
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        time.Advance(TimeSpan.FromSeconds(1)); // plenty of rate tokens: only the in-flight limit holds the rest back
        Assert.Equal(4, stub.Calls);

        release.SetResult();
        var first = await Task.WhenAny(requests);
        Assert.Equal(4, stub.Calls); // responses received but not yet read still count as in flight
        (await first).Dispose();
        await stub.NextRequestAsync();
        time.Advance(TimeSpan.FromMilliseconds(10));
        foreach (var request in requests.Where(r => r.IsCompleted))
        {
            (await request).Dispose();
        }

        await stub.NextRequestAsync();
        Assert.Equal(6, stub.Calls);
        foreach (var request in requests)
        {
            (await request).Dispose();
        }
    }

    [Fact]
    public async Task SendAsync_PolitenessOff_SendsAtOnce()
    {
        var stub = new StubHandler((_, _) => StubHandler.Pdf());
        using var http = new TestGateway(new FetchOptions { PolitenessEnabled = false }, new FakeTimeProvider(), stub);

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => http.Client.GetAsync($"https://docs.vlaamsparlement.be/pfile?id={i}")));

        Assert.Equal(10, stub.Calls);
        Array.ForEach(responses, r => r.Dispose());
    }
}
