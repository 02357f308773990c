using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using QaIngest.Cli.Bench;
using QaIngest.Cli.Output;
using QaIngest.Pipeline;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest bench run</c>: writes a synthetic corpus as text files, runs an offline pipeline over
/// it (documents/s, peak memory), then runs it again with nothing to do (the no-op time a nightly
/// run pays for an already-ingested corpus).
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
        var format = Options.Format();
        var command = new Command("run", "Time a full offline pipeline run over a synthetic corpus and a no-op run after it.") { documents, seed, vocabulary, data, seeds, reuse, bump, format };
        command.SetAction((r, ct) => Run(r.GetValue(documents), r.GetValue(seed), r.GetValue(vocabulary), r.GetValue(data), r.GetValue(seeds)!, r.GetValue(reuse), r.GetValue(bump), r.GetValue(format)!, ct));
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

    private static async Task<RunReport> RunOnce(PipelineDefinition pipeline, string folder, StageVersions? versions, CancellationToken cancellationToken)
    {
        var report = await RunProgressDisplay.RunAsync(false, pipeline.Name, progress =>
            new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = folder, Progress = progress, Versions = versions }).RunAsync(cancellationToken));
        Console.Error.WriteLine(RunCommand.Describe(report));
        return report;
    }

    private static RunFigures Figures(RunReport r) =>
        new(r.Documents.New + r.Documents.Changed + r.Documents.Reprocessed, r.Documents.Unchanged, r.DurationSeconds, r.DocumentsPerSecond, Math.Round(r.PeakMemoryBytes / 1048576.0), r.Items, r.Figures);

    private sealed record RunFigures(int Documents, int Unchanged, double Seconds, double DocumentsPerSecond, double PeakMemoryMb, long Items, long Figures);

    private sealed record Report(int Documents, double? GenerateSeconds, RunFigures? Full, RunFigures NoOp, RunFigures NoOpAgain, string Machine);
}
