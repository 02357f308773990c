using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QaIngest.Web.Tests;

/// <summary><c>qaingest serve</c> as a process: it serves the data directory where it is told, and refuses bad arguments in one line.</summary>
[Collection(ServedSeedsCollection.Name)]
public sealed class ServeCommandTests(ServedSeeds served)
{
    private static ProcessStartInfo Cli(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Repo.Root, "src", "QaIngest.Cli", "bin", Repo.Configuration, "net10.0", "qaingest.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serve_DataAndUrls_AnswersSearchesUntilStopped()
    {
        var port = FreePort();
        using var process = Process.Start(Cli("serve", "--data", served.Data, "--urls", $"http://127.0.0.1:{port}"))!;
        try
        {
            var line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains($"serving {served.Data} at http://127.0.0.1:{port}", line, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var json = await client.GetStringAsync("/api/search?q=RIZIV%20VDAB%202021&limit=1");
            Assert.Contains("\"documentNumber\": 693", json, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("--urls", "ftp://127.0.0.1:1", "--urls takes http://")]
    [InlineData("--query-timeout", "0", "--query-timeout must be")]
    [InlineData("--readers", "0", "--readers must be")]
    [InlineData("--aging", "-1", "--aging must be")]
    public async Task Serve_BadArgument_OneLineExit2(string option, string value, string reason)
    {
        using var process = Process.Start(Cli("serve", "--data", served.Data, option, value))!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("qaingest: " + reason, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Serve_PortTaken_OneLineExit2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var process = Process.Start(Cli("serve", "--data", served.Data, "--urls", $"http://127.0.0.1:{port}"))!;
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith($"qaingest: cannot listen on http://127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    /// <summary>Runs a short `bench serve` over the served data as a child process; asserts exit 0 and returns its JSON report.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> BenchServeAsync(string[] extra)
    {
        var start = Cli(["bench", "serve", "--data", served.Data, "--clients", "2", "--seconds", "2", "--queries", "20", "--format", "json", .. extra]);
        start.WorkingDirectory = Repo.Root;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return System.Text.Json.Nodes.JsonNode.Parse(output)!;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BenchServe_ReportsCacheHitRateAndServerTime(bool noCache)
    {
        var report = await BenchServeAsync(noCache ? ["--no-cache"] : []);
        Assert.Equal(0, (long)report["errors"]!);
        Assert.True((long)report["requests"]! > 20);
        Assert.Equal(!noCache, (bool)report["cache"]!);

        // With the cache the 20 queries, sent once to warm up, are answered from it; without it none is.
        var hitRate = (double)report["cacheHitRate"]!;
        Assert.True(noCache ? hitRate == 0 : hitRate > 0.9, $"hit rate {hitRate}");
        Assert.True((double)report["serverSearchP50"]! <= (double)report["p50"]!);

        // Server and clients run in this process: every request costs some of its CPU time.
        Assert.True((double)report["cpuMsPerRequest"]! > 0);
    }

    [Fact]
    public async Task BenchServe_Distinct_SendsANewQueryEachRequest()
    {
        // Generated queries can be stop words only ("zijn"): answered 400, counted as refused, not as errors.
        var report = await BenchServeAsync(["--distinct"]);
        Assert.Equal(0, (long)report["errors"]!);
        Assert.True((bool)report["distinct"]!);

        // More different requests than the 20 of the round-robin mix, and the cache answers at most the
        // repeats among them and the few the warm-up's 20 other queries happened to share.
        var requests = (long)report["requests"]!;
        var different = (long)report["distinctRequests"]!;
        Assert.True(requests > 40 && different > 20 && different <= requests, $"{different} different of {requests}");
        var hitRate = (double)report["cacheHitRate"]!;
        Assert.True(hitRate <= (requests - different + 20.0) / requests + 0.001, $"hit rate {hitRate} with {different} different of {requests}");
    }
}
