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
        var documents = new Option<int>("--documents") { Description = "How many of the documents still watched by the re-check policy to list (the next to be asked first; JSON lists all).", DefaultValueFactory = _ => 20 };
        var command = new Command("status", "Show recent runs, how many documents each stage has done, the documents that failed (with their reasons), and the re-check policy with each watched document's next check.") { data, format, runs, documents };
        command.SetAction(r => Guarded(r.GetValue(data)!, () => Status(r.GetValue(data)!, r.GetValue(format)!, r.GetValue(runs), r.GetValue(documents))));
        return command;
    }

    public static Command CreateRetryFailed()
    {
        var data = Options.Data();
        var command = new Command("retry-failed", "Put every document that failed for good back to be retried by the next run, and every target whose last fetch failed for good back to be asked by the next fetch.") { data };
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

    private static int Status(string data, string format, int runCount, int documentCount)
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
            var recheck = Recheck(state);
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(new
                {
                    data = Path.GetFullPath(data),
                    runs = runs.Select(r => new { r.Id, r.Pipeline, r.StartedAt, r.FinishedAt, r.ExitCode, killed = r.FinishedAt is null }),
                    done = StageNames.All.ToDictionary(s => s.Name(), s => done.GetValueOrDefault(s)),
                    failed = failures.Select(f => new { f.Key, stage = f.Stage.Name(), status = f.Status, f.Attempts, f.LastError, f.UpdatedAt }),
                    recheck = recheck is null ? null : new
                    {
                        recheck.Pipeline,
                        recheck.Policy,
                        description = recheck.Policy.Describe(),
                        everyRun = recheck.Watched.Count(w => w.Next.When == RecheckWhen.EveryRun),
                        scheduled = recheck.Watched.Count(w => w.Next.When == RecheckWhen.On),
                        recheck.Settled,
                        documents = recheck.Watched.Select(w => new
                        {
                            w.Facts.Key,
                            w.Facts.Answered,
                            w.Facts.Supplements,
                            w.Facts.FirstSeen,
                            w.Facts.LastChange,
                            w.Facts.LastCheck,
                            w.Facts.LastChanges,
                            nextCheck = NextCheck(w.Next),
                        }),
                    },
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

            if (recheck is not null)
            {
                var everyRun = recheck.Watched.Count(w => w.Next.When == RecheckWhen.EveryRun);
                Console.Out.WriteLine($"re-check ({recheck.Pipeline}): {recheck.Policy.Describe()}");
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {everyRun:N0} without an answer (asked every run), {recheck.Watched.Count - everyRun:N0} answered and watched (asked on their day), {recheck.Settled:N0} settled (not asked again)"));
                foreach (var w in recheck.Watched.Take(Math.Max(0, documentCount)))
                {
                    var changed = w.Facts.LastChanges is { } what ? $", last change {w.Facts.LastChange:yyyy-MM-dd} ({what})" : "";
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {w.Facts.Key}: next check {NextCheck(w.Next)}; {(w.Facts.Answered ? "answered" : "no answer yet")}{changed}; last asked {w.Facts.LastCheck:yyyy-MM-dd HH:mm}Z"));
                }

                if (recheck.Watched.Count > documentCount)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... {recheck.Watched.Count - documentCount:N0} more (--documents N, or --format json)"));
                }
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

    private static string NextCheck(RecheckSchedule next) => next.When switch
    {
        RecheckWhen.EveryRun => "every run",
        RecheckWhen.On => next.Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => "settled",
    };

    // The policy of the pipeline that ran last with fetched documents, applied to every document's facts: the watched ones, next first.
    private static RecheckView? Recheck(PipelineState state)
    {
        if (state.Policies().FirstOrDefault() is not { Pipeline: not null } latest)
        {
            return null;
        }

        var policy = System.Text.Json.JsonSerializer.Deserialize<RecheckPolicy>(latest.PolicyJson, PipelineJson.OneLine) ?? RecheckPolicy.Default;
        var watched = new List<(RecheckFacts, RecheckSchedule)>();
        var settled = 0;
        foreach (var facts in state.RecheckFacts().Values)
        {
            var next = policy.Next(facts);
            if (next.When == RecheckWhen.Settled)
            {
                settled++;
            }
            else
            {
                watched.Add((facts, next));
            }
        }

        return new RecheckView(latest.Pipeline, policy,
            [.. watched.OrderBy(w => w.Item2.When == RecheckWhen.EveryRun ? 0 : 1).ThenBy(w => w.Item2.Day).ThenBy(w => w.Item1.Key, StringComparer.Ordinal)], settled);
    }

    private sealed record RecheckView(string Pipeline, RecheckPolicy Policy, List<(RecheckFacts Facts, RecheckSchedule Next)> Watched, int Settled);

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

            // 'qaingest fetch' keeps its own known failures in the fetch manifest: those are put back too.
            using var manifest = new FetchManifest(directory.DatabasePath);
            var fetches = manifest.RetryFailed();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} failed stages put back; the next run retries them; {fetches} known fetch failures put back; the next fetch asks again"));
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
