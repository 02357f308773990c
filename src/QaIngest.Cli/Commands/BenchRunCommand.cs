using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using QaIngest.Cli.Bench;
using QaIngest.Cli.Output;
using QaIngest.Pipeline;
using QaIngest.SiteStandIn;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest bench run</c>: writes a synthetic corpus as text files, runs an offline pipeline over
/// it (documents/s, peak memory), then runs it again with nothing to do (the no-op time a nightly
/// run pays for an already-ingested corpus). With <c>--remote</c> the documents come from an
/// in-process stand-in of the site through the fetch stage, and the no-op runs also count the HTTP
/// requests they made: with every document settled by the re-check policy, none.
/// </summary>
public static class BenchRunCommand
{
    public static Command Create()
    {
        var documents = new Option<int>("--documents") { Description = "How many synthetic written questions.", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator.", DefaultValueFactory = _ => 42 };
        var vocabulary = new Option<int>("--vocabulary") { Description = "Distinct generated words (Zipf-distributed).", DefaultValueFactory = _ => 60_000 };
        var data = new Option<string?>("--data") { Description = "Working folder (corpus/ and data/ inside; default: a temporary folder, deleted afterwards)." };
        var seeds = new Option<string>("--seeds") { Description = "Folder of seed texts whose sentences are mixed in.", DefaultValueFactory = _ => "seeds" };
        var reuse = new Option<bool>("--reuse") { Description = "Only time no-op runs over a corpus ingested by an earlier run with the same --data." };
        var bump = new Option<string?>("--bump") { Description = "With --reuse: first run as if this stage's version were one higher (extract, parse, figures or index), which reprocesses every document from its raw file." };
        var remote = new Option<bool>("--remote") { Description = "Fetch the documents from an in-process loopback stand-in of the site (link ids 900001..., at most 50,000; politeness off) instead of reading text files, and count the HTTP requests of the no-op runs." };
        var format = Options.Format();
        var command = new Command("run", "Time a full pipeline run over a synthetic corpus and a no-op run after it.") { documents, seed, vocabulary, data, seeds, reuse, bump, remote, format };
        command.SetAction((r, ct) => r.GetValue(remote)
            ? RunRemote(r.GetValue(documents), r.GetValue(data), r.GetValue(seeds)!, r.GetValue(reuse), r.GetValue(format)!, ct)
            : Run(r.GetValue(documents), r.GetValue(seed), r.GetValue(vocabulary), r.GetValue(data), r.GetValue(seeds)!, r.GetValue(reuse), r.GetValue(bump), r.GetValue(format)!, ct));
        return command;
    }

    private static async Task<int> Run(int count, int seed, int vocabularySize, string? data, string seeds, bool reuse, string? bump, string format, CancellationToken cancellationToken)
    {
        StageVersions? bumped = null;
        if (bump is not null)
        {
            if (!reuse || !StageNames.TryParse(bump, out var stage) || stage == PipelineStage.Fetch)
            {
                return CommandLine.Fail("--bump needs --reuse and one of extract, parse, figures, index");
            }

            bumped = StageVersions.Current.With(stage, StageVersions.Current[stage] + 1);
        }

        if (count is < 10 or > 2_000_000 || vocabularySize is < 1_000 or > 1_000_000)
        {
            return CommandLine.Fail("--documents must be 10..2000000 and --vocabulary 1000..1000000");
        }

        if (reuse && data is null)
        {
            return CommandLine.Fail("--reuse needs --data");
        }

        var folder = data is null ? Directory.CreateTempSubdirectory("qaingest-bench-run-").FullName : Path.GetFullPath(data);
        try
        {
            double? generateSeconds = null;
            if (!reuse)
            {
                var watch = Stopwatch.StartNew();
                var seedTexts = Directory.Exists(seeds) ? Directory.EnumerateFiles(seeds, "*.txt").Order().Select(File.ReadAllText).ToList() : [];
                var corpus = new SyntheticCorpus(seed, vocabularySize, seedTexts);
                foreach (var (index, text) in corpus.Documents(count))
                {
                    var file = Path.Combine(folder, "corpus", (index / 1000).ToString("D4", CultureInfo.InvariantCulture), index.ToString("D7", CultureInfo.InvariantCulture) + ".txt");
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    await File.WriteAllTextAsync(file, text, cancellationToken);
                }

                generateSeconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
                Console.Error.WriteLine($"wrote {count:N0} documents to {Path.Combine(folder, "corpus")} in {generateSeconds} s");
            }

            var pipeline = new PipelineDefinition
            {
                Name = "bench",
                Source = new FilesSource(["corpus/**/*.txt"]),
                Stages = [PipelineStage.Extract, PipelineStage.Parse, PipelineStage.Figures, PipelineStage.Index],
                Data = "data",
            };
            RunReport? full = null;
            if (!reuse || bumped is not null)
            {
                full = await RunOnce(pipeline, folder, bumped, cancellationToken);
            }

            var noop = await RunOnce(pipeline, folder, bumped, cancellationToken);
            var again = await RunOnce(pipeline, folder, bumped, cancellationToken);
            var report = new Report(count, generateSeconds, full is null ? null : Figures(full), Figures(noop), Figures(again), $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(report));
            }
            else
            {
                if (report.Full is { } f)
                {
                    var what = bump is null ? "full run" : $"reprocessing run ({bump} version bumped)";
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {f.Documents:N0} documents in {f.Seconds} s = {f.DocumentsPerSecond:N0} documents/s; peak memory {f.PeakMemoryMb} MB"));
                }

                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no-op run: {report.NoOp.Unchanged:N0} unchanged in {report.NoOp.Seconds} s (again: {report.NoOpAgain.Seconds} s); peak memory {report.NoOp.PeakMemoryMb} MB"));
                Console.Out.WriteLine($"machine: {report.Machine}");
            }

            return full is { ExitCode: not 0 } || noop.Documents.Unchanged != count ? CommandLine.SomeFailed : CommandLine.Ok;
        }
        finally
        {
            if (data is null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    // The stand-in's synthetic questions are answered, last modified on their own dates (three a day from 2024-01-01, on into the
    // future for large N). The runs' clock stands 31 days after the newest, so every one is settled when first fetched, as an
    // ingested corpus is a month later, and the no-op runs measure what settled documents cost.
    private static async Task<int> RunRemote(int count, string? data, string seeds, bool reuse, string format, CancellationToken cancellationToken)
    {
        if (count is < 10 or > 50_000)
        {
            return CommandLine.Fail("--remote: --documents must be 10..50000 (the stand-in's synthetic questions)");
        }

        if (reuse && data is null)
        {
            return CommandLine.Fail("--reuse needs --data");
        }

        if (!Directory.Exists(seeds))
        {
            return CommandLine.Fail($"--seeds {seeds}: no such folder (the stand-in builds its documents from the seeds' paragraphs)");
        }

        var folder = data is null ? Directory.CreateTempSubdirectory("qaingest-bench-run-").FullName : Path.GetFullPath(data);
        try
        {
            await using var site = await StandInSite.StartAsync(new StandInOptions { Synthetic = count, SeedsDirectory = Path.GetFullPath(seeds) }, cancellationToken);
            var pipeline = new PipelineDefinition
            {
                Name = "bench-remote",
                Source = new LinkIdsSource([.. Enumerable.Range(900_001, count)], null) { BaseUrl = site.BaseUrl },
                Stages = [PipelineStage.Fetch, PipelineStage.Extract, PipelineStage.Parse, PipelineStage.Figures, PipelineStage.Index],
                Data = "data",
                Politeness = new PolitenessSettings { Enabled = false, DocumentsInFlight = 16 },
            };
            var clock = new FixedClock(site.Catalog.Documents.Max(d => d.LastModified).AddDays(31));
            RunReport? full = null;
            if (!reuse)
            {
                full = await RunOnce(pipeline, folder, null, cancellationToken, clock);
            }

            site.Log.Clear();
            var noop = await RunOnce(pipeline, folder, null, cancellationToken, clock);
            var requests = site.Log.Entries.Length;
            site.Log.Clear();
            var again = await RunOnce(pipeline, folder, null, cancellationToken, clock);
            var requestsAgain = site.Log.Entries.Length;
            var report = new RemoteReport(count, full is null ? null : Figures(full), Figures(noop), requests, noop.Recheck, Figures(again), requestsAgain,
                $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(report));
            }
            else
            {
                if (report.Full is { } f)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full run (fetched from the stand-in): {f.Documents:N0} documents in {f.Seconds} s = {f.DocumentsPerSecond:N0} documents/s; peak memory {f.PeakMemoryMb} MB"));
                }

                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"no-op run: {report.NoOp.Unchanged:N0} unchanged in {report.NoOp.Seconds} s with {requests} HTTP requests (again: {report.NoOpAgain.Seconds} s, {requestsAgain} requests); re-check: {noop.Recheck?.Asked} asked, {noop.Recheck?.Settled:N0} settled; peak memory {report.NoOp.PeakMemoryMb} MB"));
                Console.Out.WriteLine($"machine: {report.Machine}");
            }

            return full is { ExitCode: not 0 } || noop.Documents.Unchanged != count || requests != 0 ? CommandLine.SomeFailed : CommandLine.Ok;
        }
        finally
        {
            if (data is null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<RunReport> RunOnce(PipelineDefinition pipeline, string folder, StageVersions? versions, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var report = await RunProgressDisplay.RunAsync(false, pipeline.Name, progress =>
            new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = folder, Progress = progress, Versions = versions, Time = time }).RunAsync(cancellationToken));
        Console.Error.WriteLine(RunCommand.Describe(report));
        return report;
    }

    private static RunFigures Figures(RunReport r) =>
        new(r.Documents.New + r.Documents.Changed + r.Documents.Reprocessed, r.Documents.Unchanged, r.DurationSeconds, r.DocumentsPerSecond, Math.Round(r.PeakMemoryBytes / 1048576.0), r.Items, r.Figures);

    private sealed record RunFigures(int Documents, int Unchanged, double Seconds, double DocumentsPerSecond, double PeakMemoryMb, long Items, long Figures);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed record RemoteReport(int Documents, RunFigures? Full, RunFigures NoOp, int NoOpRequests, RecheckCounts? Recheck, RunFigures NoOpAgain, int NoOpAgainRequests, string Machine);

    private sealed record Report(int Documents, double? GenerateSeconds, RunFigures? Full, RunFigures NoOp, RunFigures NoOpAgain, string Machine);
}
