using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using QaIngest.Web;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest serve</c>: the search page and the JSON API over a data directory, read-only.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var data = Options.Data();
        var urls = new Option<string>("--urls") { Description = "Where to listen, separated by ';' (default loopback only: http://127.0.0.1:5080).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var timeout = new Option<double>("--query-timeout") { Description = "Seconds a search may take before it is answered with 503 (default 5).", DefaultValueFactory = _ => 5 };
        var noCache = new Option<bool>("--no-cache") { Description = "Search every request anew (by default answers are kept in 64 MB of memory until the pipeline's next commit)." };
        var defaults = new ServeOptions(string.Empty);
        var readers = new Option<int>("--readers") { Description = "Searches run at once, each on its own reader (default: one per core); more wait, the cheapest expected first.", DefaultValueFactory = _ => defaults.Readers };
        var aging = new Option<double>("--aging") { Description = "Milliseconds a waiting search may be passed by cheaper ones before it runs next (0: first come first served).", DefaultValueFactory = _ => defaults.AdmissionAging.TotalMilliseconds };
        var command = new Command("serve", "Serve the search page and the HTTP API (/api/, /openapi/v1.json) over a data directory, read-only; a running pipeline's new commits show up without a restart.") { data, urls, timeout, noCache, readers, aging };
        command.SetAction((r, ct) => Run(r.GetValue(data)!, r.GetValue(urls)!, r.GetValue(timeout), r.GetValue(noCache), r.GetValue(readers), r.GetValue(aging), ct));
        return command;
    }

    private static async Task<int> Run(string data, string urls, double timeout, bool noCache, int readers, double aging, CancellationToken cancellationToken)
    {
        if (timeout is <= 0 or > 600)
        {
            return CommandLine.Fail("--query-timeout must be between 0 and 600 seconds");
        }

        if (readers is < 1 or > 256)
        {
            return CommandLine.Fail("--readers must be between 1 and 256");
        }

        if (aging is < 0 or > 600_000 || double.IsNaN(aging))
        {
            return CommandLine.Fail("--aging must be between 0 and 600000 milliseconds");
        }

        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0 || addresses.Any(a => !Uri.TryCreate(a, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
        {
            return CommandLine.Fail($"--urls takes http:// addresses separated by ';': '{urls}'");
        }

        var full = Path.GetFullPath(data);
        if (!File.Exists(Path.Combine(full, QaIngest.Index.SearchIndex.FileName)))
        {
            Console.Error.WriteLine($"qaingest: no index in {full} yet; serving it anyway, searches answer 503 until a pipeline run writes one");
        }

        var options = new ServeOptions(full) { Urls = addresses, QueryTimeout = TimeSpan.FromSeconds(timeout), Readers = readers, AdmissionAging = TimeSpan.FromMilliseconds(aging), CacheMegabytes = noCache ? 0 : new ServeOptions(full).CacheMegabytes };
        await using var app = WebServer.Create(options);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return CommandLine.Fail($"cannot listen on {urls}: {e.Message.Split('\n')[0]}");
        }

        Console.Error.WriteLine($"qaingest: serving {full} at {string.Join(", ", app.Urls)} (Ctrl+C stops)");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return CommandLine.Ok;
    }
}
