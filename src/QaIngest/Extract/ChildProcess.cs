using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace QaIngest.Extract;

/// <summary>
/// Runs a command-line tool with a time-out. Both output streams are drained asynchronously from
/// the start, so a tool that fills its stderr pipe cannot deadlock against us; on time-out or
/// cancellation the whole process tree is killed, because a wrapper script's children would
/// otherwise outlive it.
/// </summary>
internal static class ChildProcess
{
    // poppler prints one line per bad byte on a damaged file; keep enough to report, not megabytes.
    private const int MaxStandardErrorChars = 16 * 1024;

    /// <summary>Runs the tool; returns null when the executable cannot be started (not found, not executable).</summary>
    public static async Task<ProcessOutcome?> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            if (!process.Start())
            {
                return null;
            }
        }
        catch (Win32Exception)
        {
            return null;
        }

        // Nothing is ever written to the tool; closing stdin stops one that waits for input.
        process.StandardInput.Close();

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = ReadCappedAsync(process.StandardError);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            // Wait for the pipes to close so no reader task is left running after we return.
            await ((Task)Task.WhenAll(stdout, stderr)).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            return new ProcessOutcome(-1, string.Empty, stderr.IsCompletedSuccessfully ? stderr.Result : string.Empty, TimedOut: true);
        }

        return new ProcessOutcome(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), TimedOut: false);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It exited between the time-out and the kill.
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            if (kept.Length < MaxStandardErrorChars)
            {
                kept.Append(buffer, 0, Math.Min(read, MaxStandardErrorChars - kept.Length));
            }
        }

        return kept.ToString();
    }
}
