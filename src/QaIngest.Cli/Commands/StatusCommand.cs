using System.CommandLine;
using System.Globalization;
using QaIngest.Cli.Output;
using QaIngest.Fetch;
using QaIngest.Pipeline;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest status</c> and <c>qaingest retry-failed</c>: what the pipeline state says, and putting failed documents back.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var data = Options.Data();
        var format = Options.Format();
        var runs = new Option<int>("--runs") { Description = "How many recent runs to list.", DefaultValueFactory = _ => 5 };
        var command = new Command("status", "Show recent runs, how many documents each stage has done, and the documents that failed (with their reasons).") { data, format, runs };
        command.SetAction(r => Guarded(r.GetValue(data)!, () => Status(r.GetValue(data)!, r.GetValue(format)!, r.GetValue(runs))));
        return command;
    }

    public static Command CreateRetryFailed()
    {
        var data = Options.Data();
        var command = new Command("retry-failed", "Put every document that failed for good back to be retried by the next run.") { data };
        command.SetAction(r => Guarded(r.GetValue(data)!, () => RetryFailed(r.GetValue(data)!)));
        return command;
    }

    // A damaged or foreign database is a one-line reason, not a stack trace.
    private static int Guarded(string data, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            return CommandLine.Fail($"{Path.Combine(data, Index.SearchIndex.FileName)}: {e.Message.Split('\n')[0]}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CommandLine.Fail($"data directory {data}: {e.Message}");
        }
    }

    private static int Status(string data, string format, int runCount)
    {
        if (OpenState(data, out var failure) is not { } state)
        {
            return failure;
        }

        using (state)
        {
            var runs = state.Runs(Math.Clamp(runCount, 0, 1000));
            var failures = state.Failures();
            var done = state.DoneCounts();
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(new
                {
                    data = Path.GetFullPath(data),
                    runs = runs.Select(r => new { r.Id, r.Pipeline, r.StartedAt, r.FinishedAt, r.ExitCode, killed = r.FinishedAt is null }),
                    done = StageNames.All.ToDictionary(s => s.Name(), s => done.GetValueOrDefault(s)),
                    failed = failures.Select(f => new { f.Key, stage = f.Stage.Name(), status = f.Status, f.Attempts, f.LastError, f.UpdatedAt }),
                }));
                return CommandLine.Ok;
            }

            Console.Out.WriteLine($"data: {Path.GetFullPath(data)}");
            Console.Out.WriteLine("done: " + string.Join(", ", StageNames.All.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name()} {done.GetValueOrDefault(s)}"))));
            foreach (var run in runs)
            {
                var end = run.FinishedAt is { } finished
                    ? string.Create(CultureInfo.InvariantCulture, $"finished {finished:yyyy-MM-dd HH:mm:ss}Z, exit {run.ExitCode}")
                    : "not finished (running, or killed)";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run.Id} {run.Pipeline}: started {run.StartedAt:yyyy-MM-dd HH:mm:ss}Z, {end}"));
            }

            Console.Out.WriteLine(failures.IsEmpty ? "no failed documents" : string.Create(CultureInfo.InvariantCulture, $"{failures.Length} failed:"));
            foreach (var f in failures)
            {
                var what = f.Status == StageStatus.Retry ? "retried next run" : "failed";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {f.Key} ({f.Stage.Name()}, {what}, {f.Attempts} attempts): {f.LastError}"));
            }

            return CommandLine.Ok;
        }
    }

    private static int RetryFailed(string data)
    {
        if (!File.Exists(Path.Combine(data, Index.SearchIndex.FileName)))
        {
            return CommandLine.Fail($"no pipeline state in {data} (run 'qaingest run' first)");
        }

        try
        {
            using var directory = DataDirectory.Open(data);
            using var state = new PipelineState(directory.DatabasePath);
            var count = state.RetryFailed();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} failed stages put back; the next run retries them"));
            return CommandLine.Ok;
        }
        catch (DataDirectoryLockedException e)
        {
            return CommandLine.Fail(e.Message, CommandLine.Locked);
        }
    }

    private static PipelineState? OpenState(string data, out int failure)
    {
        failure = CommandLine.Ok;
        var path = Path.Combine(data, Index.SearchIndex.FileName);
        if (!File.Exists(path))
        {
            failure = CommandLine.Fail(Directory.Exists(data) ? $"no pipeline state in {data} (run 'qaingest run' first)" : $"data directory {data} does not exist");
            return null;
        }

        try
        {
            return new PipelineState(path);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            failure = CommandLine.Fail($"{path}: {e.Message.Split('\n')[0]}");
            return null;
        }
    }
}
