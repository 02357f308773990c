using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using QaIngest.Cli.Bench;
using QaIngest.Cli.Output;
using QaIngest.Pipeline;
using QaIngest.Web;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest bench serve</c>: concurrent clients send the search benchmark's query mix to
/// <c>/api/search</c> of a server over an existing index for a fixed time, optionally while a
/// pipeline run writes into the same data directory; reports latency at the client, requests per
/// second and every error.
/// </summary>
public static class BenchServeCommand
{
    /// <summary>How many queries <c>--distinct</c> generates (a 60 s run without the cache sends a few tens of thousands; more wrap around).</summary>
    private const int DistinctQueries = 200_000;

    public sealed record Report(
        string Data, int Clients, double Seconds, long Requests, double RequestsPerSecond, long Errors, IReadOnlyDictionary<string, long> ErrorKinds,
        double P50, double P90, double P99, double Max, WriterReport? Writer, string Load, string Machine)
    {
        /// <summary>Which pages were asked: "api" (<c>/api/search</c>) or "page" (the search page, <c>/?q=</c>).</summary>
        public string Target { get; init; } = "api";

        /// <summary>Whether the server's result cache was on (it is off with <c>--no-cache</c>; unknown for <c>--url</c>).</summary>
        public bool? Cache { get; init; }

        /// <summary>The share of responses the server answered from its result cache (its <c>X-Cache: hit</c> header).</summary>
        public double CacheHitRate { get; init; }

        /// <summary>The server's own time in the search service (its <c>Server-Timing: search</c>), p50 and p99, in ms.</summary>
        public double ServerSearchP50 { get; init; }

        public double ServerSearchP99 { get; init; }

        /// <summary>Whether each request had a query of its own (<c>--distinct</c>) instead of the mix sent round-robin.</summary>
        public bool Distinct { get; init; }

        /// <summary>
        /// The CPU time this process used during the load, per request, in ms: the server's and the
        /// clients' work together when the server was started here (with <c>--url</c>, the clients' only;
        /// with <c>--write</c>, the pipeline's too).
        /// On C cores, N closed-loop clients wait about N × this / C per request once the cores are busy.
        /// </summary>
        public double CpuMsPerRequest { get; init; }

        /// <summary>Requests answered 400 because the query language refuses the query (only stop words): counted apart from the errors.</summary>
        public long Refused { get; init; }

        /// <summary>How many different requests (query and parameters) the clients sent.</summary>
        public long DistinctRequests { get; init; }
    }

    public sealed record WriterReport(string Pipeline, double StartedAtSecond, double Seconds, long Written, long Failed, string? Error);

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data directory to serve (an index made by 'bench search --data DIR'; a --write run adds to it).", Required = true };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 20 };
        var seconds = new Option<int>("--seconds") { Description = "How long the clients send requests.", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Seed of the query mix (as bench search).", DefaultValueFactory = _ => 42 };
        var vocabulary = new Option<int>("--vocabulary") { Description = "Vocabulary of the query mix (as bench search).", DefaultValueFactory = _ => 60_000 };
        var queries = new Option<int>("--queries") { Description = "How many queries in the mix (sent round-robin).", DefaultValueFactory = _ => 200 };
        var write = new Option<string?>("--write") { Description = "A pipeline file to run into the same data directory while the clients search (e.g. pipelines/seeds.json)." };
        var url = new Option<string?>("--url") { Description = "Measure a server that is already running at this address instead of one started here." };
        var seeds = new Option<string>("--seeds") { Description = "Folder of seed texts (as bench search).", DefaultValueFactory = _ => "seeds" };
        var noCache = new Option<bool>("--no-cache") { Description = "Start the server with its result cache off, so every request is searched (with the cache on, the mix repeats and is answered from it)." };
        var distinct = new Option<bool>("--distinct") { Description = "Give every request a new query of the mix's kinds (generated from the seed, 200,000 of them) instead of sending the mix round-robin: the cache then answers only what the queries themselves repeat (the common words recur), as for a newsroom's searches; the warm-up pass uses queries of another seed." };
        var target = new Option<string>("--target") { Description = "What the clients ask: api (/api/search, JSON) or page (the search page /?q=, HTML with facets and the hits' context).", DefaultValueFactory = _ => "api" };
        target.AcceptOnlyFromAmong("api", "page");
        var format = Options.Format();
        var command = new Command("serve", "Load-test qaingest serve: N clients, the search query mix, for S seconds; latency at the client, requests/s, errors.")
        {
            data, clients, seconds, seed, vocabulary, queries, write, url, seeds, noCache, distinct, target, format,
        };
        command.SetAction((r, ct) => Run(r.GetValue(data)!, r.GetValue(clients), r.GetValue(seconds), r.GetValue(seed), r.GetValue(vocabulary), r.GetValue(queries), r.GetValue(write), r.GetValue(url), r.GetValue(seeds)!, r.GetValue(noCache), r.GetValue(distinct), r.GetValue(target)!, r.GetValue(format)!, ct));
        return command;
    }

    private static async Task<int> Run(string data, int clients, int seconds, int seed, int vocabularySize, int queryCount, string? write, string? url, string seeds, bool noCache, bool distinct, string target, string format, CancellationToken cancellationToken)
    {
        if (clients is < 1 or > 1000 || seconds is < 1 or > 3600 || queryCount is < 1 or > 10_000)
        {
            return CommandLine.Fail("--clients must be 1..1000, --seconds 1..3600, --queries 1..10000");
        }

        if (!File.Exists(Path.Combine(data, QaIngest.Index.SearchIndex.FileName)))
        {
            return CommandLine.Fail($"no index in {data} (make one with 'qaingest bench search --documents 200000 --data {data}')");
        }

        PipelineDefinition? pipeline = null;
        if (write is not null)
        {
            var (definition, errors) = PipelineDefinitionReader.ReadFile(write);
            if (definition is null)
            {
                return CommandLine.Fail($"{write}: {string.Join("; ", errors)}");
            }

            pipeline = definition;
        }

        var seedTexts = Directory.Exists(seeds) ? Directory.EnumerateFiles(seeds, "*.txt").Order().Select(File.ReadAllText).ToList() : [];
        var corpus = new SyntheticCorpus(seed, vocabularySize, seedTexts);
        List<string> Paths(IReadOnlyList<(string Query, bool Facets)> mix) => [.. mix.Select(q => target == "page"
            ? $"/?q={Uri.EscapeDataString(q.Query)}"
            : $"/api/search?q={Uri.EscapeDataString(q.Query)}{(q.Facets ? "&facets=true" : "")}")];
        var paths = Paths(new SearchBenchmark(corpus, seed).Queries(distinct ? DistinctQueries : queryCount));

        // Distinct: the warm-up must not answer the measured queries from the cache in advance.
        var warmUp = distinct ? Paths(new SearchBenchmark(corpus, seed + 1).Queries(queryCount)) : paths;

        WebApplication? app = null;
        if (url is null)
        {
            app = WebServer.Create(new ServeOptions(Path.GetFullPath(data)) { Urls = ["http://127.0.0.1:0"], CacheMegabytes = noCache ? 0 : new ServeOptions(data).CacheMegabytes });
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            url = app.Urls.Single();
        }

        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

            // One pass of the mix first, as bench search does: warms the page cache, the readers and the JIT.
            foreach (var path in warmUp)
            {
                using var warm = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
            }

            var latencies = new ConcurrentBag<double>();
            var serverTimes = new ConcurrentBag<double>();
            var cacheHits = 0L;
            var refused = 0L;
            var errors = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var next = -1;
            var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var until = TimeSpan.FromSeconds(seconds);
            Task<WriterReport>? writer = pipeline is null ? null : Task.Run(() => Write(pipeline, write!, data, clock, seconds, cancellationToken), cancellationToken);
            var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < until && !cancellationToken.IsCancellationRequested)
                {
                    var path = paths[(int)((uint)Interlocked.Increment(ref next) % (uint)paths.Count)];
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        if (response.Headers.TryGetValues("X-Cache", out var cache) && cache.Contains("hit"))
                        {
                            Interlocked.Increment(ref cacheHits);
                        }

                        if (SearchTime(response) is { } serverTime)
                        {
                            serverTimes.Add(serverTime);
                        }

                        if (response.StatusCode == System.Net.HttpStatusCode.BadRequest)
                        {
                            // The query language's answer to a query it refuses (a generated query of stop words only): not a failure of the server.
                            Interlocked.Increment(ref refused);
                        }
                        else if (!response.IsSuccessStatusCode)
                        {
                            errors.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                    }
                }
            }, cancellationToken)).ToList();
            await Task.WhenAll(workers).ConfigureAwait(false);
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalMilliseconds;
            var written = writer is null ? null : await writer.ConfigureAwait(false);
            var sorted = latencies.Order().ToArray();
            double Percentile(double p) => PercentileOf(sorted, p);
            var report = new Report(
                Path.GetFullPath(data), clients, Math.Round(elapsed, 1), sorted.Length, Math.Round(sorted.Length / elapsed, 1), errors.Values.Sum(),
                errors.ToDictionary(e => e.Key, e => e.Value), Percentile(0.50), Percentile(0.90), Percentile(0.99), sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 1),
                written, File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "", $"{Environment.ProcessorCount} cores, .NET {Environment.Version}")
            {
                Target = target,
                Cache = app is null ? null : !noCache,
                CacheHitRate = sorted.Length == 0 ? 0 : Math.Round((double)cacheHits / sorted.Length, 3),
                Distinct = distinct,
                Refused = refused,
                CpuMsPerRequest = sorted.Length == 0 ? 0 : Math.Round(cpu / sorted.Length, 2),
                DistinctRequests = paths.Take((int)Math.Min(paths.Count, sorted.Length)).Distinct(StringComparer.Ordinal).Count(),
                ServerSearchP50 = PercentileOf(serverTimes, 0.50),
                ServerSearchP99 = PercentileOf(serverTimes, 0.99),
            };
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(report));
            }
            else
            {
                Console.Out.WriteLine($"{report.Clients} clients, {report.Seconds} s, {report.Requests:N0} requests ({report.RequestsPerSecond:N1}/s), {report.Errors} errors{(report.Errors == 0 ? "" : " (" + string.Join(", ", report.ErrorKinds.Select(e => $"{e.Key}: {e.Value}")) + ")")}");
                Console.Out.WriteLine($"latency at the client: p50 {report.P50} ms, p90 {report.P90} ms, p99 {report.P99} ms, max {report.Max} ms");
                Console.Out.WriteLine($"{(report.Distinct ? "a new query for every request" : $"the mix of {paths.Count} queries round-robin")}: {report.DistinctRequests:N0} different requests{(report.Refused > 0 ? $", {report.Refused:N0} refused by the query language (400: only stop words)" : "")}");
                Console.Out.WriteLine($"target {report.Target}; result cache {(report.Cache is null ? "unknown (--url)" : report.Cache.Value ? "on" : "off (--no-cache)")}: {report.CacheHitRate:P1} of the responses from it; the server's search time p50 {report.ServerSearchP50} ms, p99 {report.ServerSearchP99} ms");
                if (written is not null)
                {
                    Console.Out.WriteLine($"pipeline {written.Pipeline} wrote {written.Written} documents ({written.Failed} failed) from {written.StartedAtSecond} s for {written.Seconds} s{(written.Error is null ? "" : ": " + written.Error)}");
                }

                Console.Out.WriteLine($"CPU time of this process ({(app is null ? "the clients" : "server and clients")}) per request: {report.CpuMsPerRequest} ms");
                Console.Out.WriteLine($"load average at the end: {report.Load}; machine: {report.Machine}");
            }

            return report.Errors == 0 && written?.Error is null ? CommandLine.Ok : CommandLine.SomeFailed;
        }
        finally
        {
            if (app is not null)
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static double PercentileOf(IEnumerable<double> values, double p)
    {
        var sorted = values as double[] ?? [.. values.Order()];
        return sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
    }

    /// <summary>The <c>search;dur=</c> of a response's <c>Server-Timing</c>, or null.</summary>
    private static double? SearchTime(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }

        foreach (var entry in values.SelectMany(v => v.Split(',')))
        {
            var parts = entry.Trim().Split(";dur=");
            if (parts.Length == 2 && parts[0] == "search" && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms))
            {
                return ms;
            }
        }

        return null;
    }

    /// <summary>A pipeline run into the served data directory, started a few seconds into the load.</summary>
    private static async Task<WriterReport> Write(PipelineDefinition pipeline, string file, string data, Stopwatch clock, int seconds, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, seconds / 4.0)), cancellationToken).ConfigureAwait(false);
        var started = clock.Elapsed.TotalSeconds;
        try
        {
            var report = await new PipelineRunner(pipeline, new PipelineRunOptions { Data = Path.GetFullPath(data) }).RunAsync(cancellationToken).ConfigureAwait(false);
            return new WriterReport(file, Math.Round(started, 1), Math.Round(clock.Elapsed.TotalSeconds - started, 1), report.Documents.New + report.Documents.Changed, report.Failed.Length, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new WriterReport(file, Math.Round(started, 1), Math.Round(clock.Elapsed.TotalSeconds - started, 1), 0, 0, e.Message.Split('\n')[0]);
        }
    }
}
