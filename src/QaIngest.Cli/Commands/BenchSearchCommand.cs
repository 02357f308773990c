using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Serialization;
using QaIngest.Cli.Bench;
using QaIngest.Cli.Output;
using QaIngest.Index;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest bench search</c>: index a synthetic corpus and time a query mix against it.</summary>
public static class BenchSearchCommand
{
    // Documents per transaction: each is one SQLite transaction and one Lucene commit (fsync).
    private const int BatchSize = 1_000;

    public static Command Create()
    {
        var documents = new Option<int>("--documents") { Description = "How many synthetic written questions.", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator (the corpus and queries are the same for the same seed).", DefaultValueFactory = _ => 42 };
        var vocabulary = new Option<int>("--vocabulary") { Description = "Distinct generated words (Zipf-distributed).", DefaultValueFactory = _ => 60_000 };
        var queries = new Option<int>("--queries") { Description = "How many queries in the mix.", DefaultValueFactory = _ => 200 };
        var data = new Option<string?>("--data") { Description = "Where to build the index (default: a temporary folder, deleted afterwards)." };
        var seeds = new Option<string>("--seeds") { Description = "Folder of seed texts whose sentences are mixed in.", DefaultValueFactory = _ => "seeds" };
        var format = Options.Format();
        var reuse = new Option<bool>("--reuse") { Description = "Query an index built by an earlier run with the same --data, --documents and --seed, without indexing again." };
        var all = new Option<bool>("--all") { Description = "Also list every query of the mix with its time and matches, in the mix's order." };
        var warmup = new Option<int>("--warmup") { Description = "Untimed passes of the mix before the timed one: they fill the page cache and let the JIT re-compile the hot code (tiered compilation with dynamic PGO takes about three).", DefaultValueFactory = _ => 3 };
        var command = new Command("search", "Index a synthetic corpus and report indexing throughput, size, peak memory and query latency.")
        {
            documents, seed, vocabulary, queries, data, seeds, format, reuse, all, warmup,
        };
        command.SetAction((r, ct) => Run(r.GetValue(documents), r.GetValue(seed), r.GetValue(vocabulary), r.GetValue(queries), r.GetValue(data), r.GetValue(seeds)!, r.GetValue(format)!, r.GetValue(reuse), r.GetValue(all), r.GetValue(warmup), ct));
        return command;
    }

    private static async Task<int> Run(int count, int seed, int vocabularySize, int queryCount, string? data, string seeds, string format, bool reuse, bool listAll, int warmupPasses, CancellationToken cancellationToken)
    {
        if (count is < 100 or > 2_000_000 || vocabularySize is < 1_000 or > 1_000_000 || queryCount is < 1 or > 10_000 || warmupPasses is < 0 or > 100)
        {
            return CommandLine.Fail("--documents must be 100..2000000, --vocabulary 1000..1000000, --queries 1..10000, --warmup 0..100");
        }

        var seedTexts = Directory.Exists(seeds) ? Directory.EnumerateFiles(seeds, "*.txt").Order().Select(File.ReadAllText).ToList() : [];
        var folder = data ?? Directory.CreateTempSubdirectory("qaingest-bench-").FullName;
        try
        {
            var corpus = new SyntheticCorpus(seed, vocabularySize, seedTexts);
            var benchmark = new SearchBenchmark(corpus, seed);
            if (reuse && data is null)
            {
                return CommandLine.Fail("--reuse needs --data");
            }

            using var memory = new MemorySampler();
            SearchBenchmark.IndexingFigures indexing;
            if (reuse)
            {
                using var existing = SearchIndex.Open(folder, create: false);
                var (database, lucene) = SearchBenchmark.Sizes(existing);
                indexing = new SearchBenchmark.IndexingFigures(count, 0, 0, database, existing.Counts()) { LuceneBytes = lucene };
            }
            else
            {
                using var index = SearchIndex.Open(folder, create: true);
                var step = Math.Max(1, count / 20);
                indexing = await benchmark.IndexAsync(index, count, BatchSize, done =>
                {
                    if (done % step < BatchSize)
                    {
                        Console.Error.WriteLine($"indexed {done:N0} of {count:N0}");
                    }
                }, cancellationToken);
            }

            using var reader = SearchIndex.Open(folder, create: false);
            var mix = benchmark.Queries(queryCount);
            for (var pass = 0; pass < warmupPasses; pass++)
            {
                SearchBenchmark.Run(reader, mix);
            }

            var timings = SearchBenchmark.Run(reader, mix);
            Process.GetCurrentProcess().Refresh();
            var report = new Report(
                indexing,
                Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 0),
                Math.Round(memory.PeakAnonymous / 1048576.0, 0),
                Math.Round(memory.PeakFile / 1048576.0, 0),
                Latency("all", timings),
                [Latency("up to 100 matches", timings.Where(t => t.Matches <= 100)), Latency("101 to 10,000 matches", timings.Where(t => t.Matches is > 100 and <= 10_000)), Latency("over 10,000 matches", timings.Where(t => t.Matches > 10_000))],
                [.. timings.OrderByDescending(t => t.Milliseconds).Take(10)],
                $"{Environment.ProcessorCount} cores, .NET {Environment.Version}")
            {
                WarmupPasses = warmupPasses,
                Queries = listAll ? [.. timings] : null,
            };
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(report));
            }
            else
            {
                Console.Out.WriteLine($"indexed {indexing.Documents:N0} documents ({indexing.Counts.Items:N0} items, {indexing.Counts.Figures:N0} figures, {indexing.Counts.Terms:N0} terms) in {indexing.Seconds} s: {indexing.DocumentsPerSecond:N0} documents/s; database {indexing.DatabaseBytes / 1048576.0:N0} MB, Lucene index {indexing.LuceneBytes / 1048576.0:N0} MB; peak memory {report.PeakMemoryMb} MB (anonymous {report.PeakAnonymousMb} MB, file-backed incl. mapped index files {report.PeakFileMappedMb} MB)");
                foreach (var band in new[] { report.All }.Concat(report.Bands))
                {
                    Console.Out.WriteLine($"{band.Name,-24} {band.Queries,4} queries  p50 {band.P50} ms  p99 {band.P99} ms  max {band.Max} ms");
                }

                Console.Out.WriteLine("slowest: " + string.Join("; ", report.Slowest.Take(5).Select(t => $"{t.Query}{(t.Facets ? " (facets)" : "")} {t.Milliseconds} ms, {t.Matches:N0} matches")));
                Console.Out.WriteLine($"machine: {report.Machine}; timed pass after {report.WarmupPasses} untimed passes of the mix");
                foreach (var t in report.Queries ?? [])
                {
                    Console.Out.WriteLine($"{t.Milliseconds,8:0.00} ms {t.Matches,9:N0} matches  {t.Query}{(t.Facets ? " (facets)" : "")}");
                }
            }

            return CommandLine.Ok;
        }
        finally
        {
            if (data is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static Band Latency(string name, IEnumerable<SearchBenchmark.QueryTiming> timings)
    {
        var sorted = timings.Select(t => t.Milliseconds).Order().ToList();
        return sorted.Count == 0
            ? new Band(name, 0, 0, 0, 0)
            : new Band(name, sorted.Count, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record Band(string Name, int Queries, double P50, double P99, double Max);

    private sealed record Report(SearchBenchmark.IndexingFigures Indexing, double PeakMemoryMb, double PeakAnonymousMb, double PeakFileMappedMb, Band All, Band[] Bands, SearchBenchmark.QueryTiming[] Slowest, string Machine)
    {
        /// <summary>How many untimed passes of the mix ran before the timed one (<c>--warmup</c>).</summary>
        public int WarmupPasses { get; init; }

        /// <summary>Every query of the mix in its order (<c>--all</c>); null (left out of the JSON) otherwise.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public SearchBenchmark.QueryTiming[]? Queries { get; init; }
    }
}
