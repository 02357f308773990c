using QaIngest.Fetch;
using QaIngest.Tests.Support;

namespace QaIngest.Tests.Fetch;

public sealed class LinkResolverTests
{
    private static readonly FetchOptions Options = new() { PolitenessEnabled = false, MaxRetryAttempts = 1 };

    private static async Task<ResolvedLink> Resolve(StubHandler stub, int linkId = 18585)
    {
        using var http = new TestGateway(Options, new FakeTimeProvider(), stub);
        var resolver = new LinkResolver(http.Gateway, Options, _ => null);
        return await resolver.ResolveAsync(LinkId.Create(linkId), new AttemptCounter(), CancellationToken.None);
    }

    [Fact]
    public async Task ResolveAsync_RelativeRedirectToFileStore_EndsAtFile()
    {
        var stub = new StubHandler((request, _) => request.RequestUri!.AbsolutePath == "/link"
            ? StubHandler.Redirect("https://docs.vlaamsparlement.be/pfile?id=18585")
            : StubHandler.Pdf());

        var resolved = await Resolve(stub);

        Assert.Equal("https://docs.vlaamsparlement.be/pfile?id=18585", resolved.FinalUrl.AbsoluteUri);
        Assert.Equal(1, resolved.Redirects);
        Assert.Equal(200, resolved.Response.StatusCode);
    }

    [Fact]
    public async Task ResolveAsync_SixRedirects_FailsAfterFive()
    {
        var stub = new StubHandler((_, n) => StubHandler.Redirect($"/hop{n}"));

        var error = await Assert.ThrowsAsync<FetchFailedException>(() => Resolve(stub));

        Assert.StartsWith("too many redirects (more than 5)", error.Reason);
        Assert.Equal(6, stub.Calls);
    }

    [Fact]
    public async Task ResolveAsync_FiveRedirects_Allowed()
    {
        var stub = new StubHandler((_, n) => n <= 5 ? StubHandler.Redirect($"/hop{n}") : StubHandler.Pdf());

        Assert.Equal(5, (await Resolve(stub)).Redirects);
    }

    [Fact]
    public async Task ResolveAsync_Loop_FailsNamingTheLoop()
    {
        var stub = new StubHandler((request, _) => request.RequestUri!.AbsolutePath == "/link"
            ? StubHandler.Redirect("/pfile?id=18585")
            : StubHandler.Redirect("/link?id=18585"));

        var error = await Assert.ThrowsAsync<FetchFailedException>(() => Resolve(stub));

        Assert.Equal("redirect loop: /link?id=18585 -> /pfile?id=18585 -> /link?id=18585", error.Reason);
    }

    [Fact]
    public async Task ResolveAsync_RedirectToForeignHost_FailsWithoutAskingIt()
    {
        var stub = new StubHandler((_, _) => StubHandler.Redirect("https://elders.example.org/pfile?id=1"));

        var error = await Assert.ThrowsAsync<FetchFailedException>(() => Resolve(stub));

        Assert.StartsWith("redirect refused: to https://elders.example.org:443, not an allowed origin", error.Reason);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task ResolveAsync_RedirectToAnotherPortOfTheSameHost_FailsWithoutAskingIt()
    {
        var stub = new StubHandler((_, _) => StubHandler.Redirect("https://www.vlaamsparlement.be:8443/pfile?id=1"));

        var error = await Assert.ThrowsAsync<FetchFailedException>(() => Resolve(stub));

        Assert.StartsWith("redirect refused: to https://www.vlaamsparlement.be:8443, not an allowed origin", error.Reason);
        Assert.False(error.Transient);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task ResolveAsync_RedirectFromHttpsDownToHttp_FailsEvenWhenThatOriginIsAllowed()
    {
        var options = Options with { AllowedHosts = [.. Options.AllowedHosts, "http://docs.vlaamsparlement.be"] };
        var stub = new StubHandler((_, _) => StubHandler.Redirect("http://docs.vlaamsparlement.be/pfile?id=1"));
        using var http = new TestGateway(options, new FakeTimeProvider(), stub);
        var resolver = new LinkResolver(http.Gateway, options, _ => null);

        var error = await Assert.ThrowsAsync<FetchFailedException>(() => resolver.ResolveAsync(LinkId.Create(18585), new AttemptCounter(), CancellationToken.None));

        Assert.StartsWith("redirect refused: from https down to http (http://docs.vlaamsparlement.be:80)", error.Reason);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task ResolveAsync_RedirectToAnExplicitlyAllowedOrigin_IsFollowed()
    {
        var options = Options with { AllowedHosts = [.. Options.AllowedHosts, "files.vlaamsparlement.be:8443"] };
        var stub = new StubHandler((request, _) => request.RequestUri!.Port == 8443 ? StubHandler.Pdf() : StubHandler.Redirect("https://files.vlaamsparlement.be:8443/pfile?id=1"));
        using var http = new TestGateway(options, new FakeTimeProvider(), stub);
        var resolver = new LinkResolver(http.Gateway, options, _ => null);

        var resolved = await resolver.ResolveAsync(LinkId.Create(18585), new AttemptCounter(), CancellationToken.None);

        Assert.Equal("https://files.vlaamsparlement.be:8443/pfile?id=1", resolved.FinalUrl.AbsoluteUri);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task ResolveAsync_NotFound_ReturnsTheStatus()
    {
        var stub = new StubHandler((_, _) => StubHandler.Status(404));

        Assert.Equal(404, (await Resolve(stub)).Response.StatusCode);
    }
}
