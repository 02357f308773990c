using System.CommandLine;

namespace QaIngest.Cli;

/// <summary>Runs the command tree with exit codes scripts can rely on.</summary>
public static class CommandLine
{
    /// <summary>0 success, 1 partial failure, 2 bad input or arguments, 3 locked.</summary>
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int BadInput = 2;
    public const int Locked = 3;

    /// <summary>Interrupted (Ctrl+C, SIGTERM), as shells report a SIGINT.</summary>
    public const int Cancelled = 130;

    /// <summary>Ended by SIGTERM, as shells report it (128 + 15).</summary>
    public const int Terminated = 143;

    /// <summary>How long a command has after SIGTERM to stop on its own (its token is cancelled) before the process exits anyway.</summary>
    public static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(1.5);

    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"qaingest: {error.Message}");
            }

            Console.Error.WriteLine("Try 'qaingest --help'.");
            return BadInput;
        }

        // SIGTERM (a scheduler stopping the job) or Ctrl+C: the command's token is cancelled, so it stops
        // where it is and what it committed stays; one stuck in a reading that cannot be cancelled is ended
        // anyway after a grace time. Handled here rather than by System.CommandLine so SIGTERM gives 143.
        using var stop = new CancellationTokenSource();
        var signalled = 0;
        void OnSignal(System.Runtime.InteropServices.PosixSignalContext context, int exitCode)
        {
            context.Cancel = true;
            if (Interlocked.CompareExchange(ref signalled, exitCode, 0) != 0)
            {
                return;
            }

            stop.Cancel();
            _ = Task.Run(async () =>
            {
                await Task.Delay(TerminationGrace).ConfigureAwait(false);
                Console.Error.WriteLine($"qaingest: {(exitCode == Terminated ? "terminated (SIGTERM)" : "interrupted")}; the command did not stop within {TerminationGrace.TotalSeconds:0.#} s, what it committed stays");
                Environment.Exit(exitCode);
            });
        }

        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => OnSignal(c, Terminated));
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => OnSignal(c, Cancelled));
        int code;
        try
        {
            code = parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, stop.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (Volatile.Read(ref signalled) == 0 && StorageErrors.Describe(e, DataOption(args)) is { } storage)
        {
            // A full disk, a read-only folder or a damaged database, wherever a command met it: one line, exit 2.
            Console.Error.WriteLine($"qaingest: {storage}");
            return BadInput;
        }
        catch (Exception e) when (Volatile.Read(ref signalled) == 0 && e is not OperationCanceledException)
        {
            // As System.CommandLine's own handler wrote it: a bug, with its stack for the report.
            Console.Error.WriteLine($"Unhandled exception: {e}");
            return SomeFailed;
        }
        catch (Exception e) when (e is OperationCanceledException || Volatile.Read(ref signalled) != 0)
        {
            // Stopped by a signal: its one line follows.
            code = Cancelled;
        }

        if (Volatile.Read(ref signalled) is var signal and not 0)
        {
            Console.Error.WriteLine($"qaingest: {(signal == Terminated ? "terminated (SIGTERM)" : "interrupted")}; what was committed stays");
            return signal;
        }

        return code;
    }

    // The --data value of the command line, for the storage error's line (commands name their data folder the same way).
    private static string? DataOption(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--data=", StringComparison.Ordinal))
            {
                return args[i]["--data=".Length..];
            }
        }

        return null;
    }

    /// <summary>Opens the index of a data directory, or writes why it cannot and gives the exit code in <paramref name="failure"/>.</summary>
    public static QaIngest.Index.SearchIndex? OpenIndex(string data, bool create, out int failure)
    {
        failure = Ok;
        try
        {
            return QaIngest.Index.SearchIndex.Open(data, create);
        }
        catch (QaIngest.Index.IndexUnavailableException e)
        {
            failure = Fail(e.Message);
            return null;
        }
    }

    /// <summary>Writes a one-line error and returns the exit code for bad input.</summary>
    public static int Fail(string message, int code = BadInput)
    {
        Console.Error.WriteLine($"qaingest: {message}");
        return code;
    }
}
