using System.Diagnostics;
using System.Globalization;
using QaIngest.Pipeline;
using Spectre.Console;

namespace QaIngest.Cli.Output;

/// <summary>A run's progress on stderr: Spectre.Console bars on a terminal, a plain line every few seconds otherwise (cron, systemd, CI).</summary>
public static class RunProgressDisplay
{
    public static async Task<T> RunAsync<T>(bool quiet, string name, Func<IProgress<RunProgress>?, Task<T>> run)
    {
        if (quiet)
        {
            return await run(null).ConfigureAwait(false);
        }

        if (!Console.IsErrorRedirected && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal))
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(context => run(new BarProgress(context))).ConfigureAwait(false);
        }

        return await run(new LineProgress(name)).ConfigureAwait(false);
    }

    // Reports arrive from several threads; Spectre's tasks are thread-safe, the map of phases is guarded.
    private sealed class BarProgress(ProgressContext context) : IProgress<RunProgress>
    {
        private readonly Dictionary<string, ProgressTask> tasks = [];
        private readonly Lock gate = new();

        public void Report(RunProgress value)
        {
            lock (gate)
            {
                if (!tasks.TryGetValue(value.Phase, out var task))
                {
                    // A new phase means the phases without a count (list, discover) are over.
                    foreach (var done in tasks.Values.Where(t => t.IsIndeterminate))
                    {
                        done.IsIndeterminate = false;
                        done.Value = done.MaxValue;
                    }

                    task = tasks[value.Phase] = context.AddTask(value.Phase, maxValue: Math.Max(1, value.Total));
                    if (value.Total == 0)
                    {
                        task.IsIndeterminate = true;
                    }
                }

                if (value.Total > 0)
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = value.Total;
                    task.Value = value.Done;
                }
            }
        }
    }

    // Phases report in turns (fetch and process overlap), so each phase has its own five seconds.
    private sealed class LineProgress(string name) : IProgress<RunProgress>
    {
        private readonly Dictionary<string, Stopwatch> sinceLast = [];
        private readonly Lock gate = new();

        public void Report(RunProgress value)
        {
            lock (gate)
            {
                var last = value.Total > 0 && value.Done == value.Total;
                if (sinceLast.TryGetValue(value.Phase, out var watch) && !last && watch.Elapsed < TimeSpan.FromSeconds(5))
                {
                    return;
                }

                sinceLast[value.Phase] = Stopwatch.StartNew();
                Console.Error.WriteLine(value.Total > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"qaingest run {name}: {value.Phase} {value.Done}/{value.Total}")
                    : $"qaingest run {name}: {value.Phase}");
            }
        }
    }
}
