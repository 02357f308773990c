using System.CommandLine;
using System.Globalization;
using QaIngest.Cli.Output;
using QaIngest.Fetch;
using QaIngest.Index;
using QaIngest.Pipeline;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest run PIPELINE.json</c>: runs a pipeline (incremental, resumable, locked) and prints its report.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("pipeline") { Description = "The pipeline file (pipelines/seeds.json, pipelines/nightly.json, ...)." };
        var data = new Option<string?>("--data") { Description = "The data directory (default: the pipeline's \"data\", relative to the working directory)." };
        var format = Options.Format();
        var quiet = new Option<bool>("--quiet") { Description = "No progress on stderr." };
        var command = new Command("run", "Run a pipeline: list, fetch, extract, parse, find figures, index; only what changed. Exit 0 done, 1 some documents failed, 2 bad pipeline or arguments, 3 another run holds the data directory.")
        {
            file, data, format, quiet,
        };
        command.SetAction((r, ct) => Run(r.GetValue(file)!, r.GetValue(data), r.GetValue(format)!, r.GetValue(quiet), ct));
        return command;
    }

    private static async Task<int> Run(string file, string? data, string format, bool quiet, CancellationToken cancellationToken)
    {
        var (pipeline, errors) = PipelineDefinitionReader.ReadFile(file);
        if (pipeline is null)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"qaingest: {error}");
            }

            return CommandLine.BadInput;
        }

        RunReport report;
        try
        {
            report = await RunProgressDisplay.RunAsync(
                quiet,
                pipeline.Name,
                progress => new PipelineRunner(pipeline, new PipelineRunOptions { Data = data, Progress = progress, Reading = TestHooks.Reading() }).RunAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (DataDirectoryLockedException e)
        {
            return CommandLine.Fail(e.Message, CommandLine.Locked);
        }
        catch (OperationCanceledException)
        {
            // The signal's one line is written by CommandLine.Run.
            return CommandLine.Cancelled;
        }
        catch (PipelineFailedException e) when (StorageErrors.Describe(e, data ?? pipeline.Data) is { } storage)
        {
            // The disk filled up (or the folder became read-only) under the writer: what it committed stays.
            return CommandLine.Fail(storage);
        }
        catch (PipelineFailedException e)
        {
            return CommandLine.Fail(e.Message, CommandLine.SomeFailed);
        }
        catch (Exception e) when (e is PipelineSourceException or IndexUnavailableException)
        {
            return CommandLine.Fail(e.Message);
        }
        catch (Exception e) when (StorageErrors.Describe(e, data ?? pipeline.Data) is { } storage)
        {
            return CommandLine.Fail(storage);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            return CommandLine.Fail($"data directory {data ?? pipeline.Data}: {e.Message.Split('\n')[0]}");
        }

        Console.Out.WriteLine(format == "json" ? Json.Serialize(report) : Describe(report));
        return report.ExitCode;
    }

    public static string Describe(RunReport report)
    {
        var d = report.Documents;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"run {report.Pipeline}: {d.New} new, {d.Changed} changed, {d.Unchanged} unchanged, {d.Reprocessed} reprocessed, {d.Failed} failed in {report.DurationSeconds:0.###} s ({report.DocumentsPerSecond:0.#} documents/s, peak memory {report.PeakMemoryBytes / 1048576.0:0} MB)"),
            string.Create(CultureInfo.InvariantCulture, $"written: {report.Items} items, {report.Figures} figures; {report.Warnings} warnings"),
        };
        if (report.Index is { } index)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"index: {index.Documents} documents, {index.Items} items, {index.Figures} figures ({report.Data})"));
        }

        if (report.Fetch is { } fetch)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"fetch: {fetch.Fetched} fetched, {fetch.Unchanged} unchanged, {fetch.Failed} failed, {fetch.NotAsked} not asked (already stored)"));
        }

        if (report.Recheck is { } recheck)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"re-check: {recheck.Asked} asked again ({recheck.Changed} changed), {recheck.Deferred} due but left to the next run, {recheck.Waiting} waiting for their day, {recheck.Settled} settled"));
        }

        lines.AddRange(report.Changes.Select(c => $"changed {c.Key}: {(c.What.IsEmpty ? "the file changed" : string.Join(", ", c.What))}"));
        if (report.KnownFailures > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{report.KnownFailures} documents skipped: they failed before for the same input ('qaingest status' lists them, 'qaingest retry-failed' puts them back)"));
        }

        lines.AddRange(report.Alerts.Select(a => string.Create(CultureInfo.InvariantCulture, $"alerts: {a.Key} {a.Value} new ({Path.Combine(report.Data, "alerts", a.Key + ".jsonl")})")));
        if (report.StaleLockTakenOver is { } stale)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"took over the lock left by pid {stale.Pid} (since {stale.Since:yyyy-MM-dd HH:mm:ss}Z), which is no longer running"));
        }

        if (report.DiscoveryError is { } discovery)
        {
            lines.Add($"discovery failed: {discovery}");
        }

        lines.AddRange(report.Notes.Select(n => "note: " + n));
        lines.AddRange(report.Failed.Select(f => $"failed {f.Key} ({f.Stage}{(f.Transient ? ", retried next run" : "")}): {f.Reason}"));
        lines.Add($"report: {report.ReportFile}");
        return string.Join(Environment.NewLine, lines);
    }
}
