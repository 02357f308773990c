using Microsoft.AspNetCore.Builder;

namespace QaIngest.Web.Tests;

/// <summary>The real server (Kestrel) on a free loopback port over a data directory, with a client for it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static async Task<RunningServer> StartAsync(ServeOptions options)
    {
        var app = WebServer.Create(options with { Urls = ["http://127.0.0.1:0"] });
        await app.StartAsync();
        return new RunningServer(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
