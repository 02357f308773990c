using System.Diagnostics;

namespace QaIngest.Tests.Cli;

/// <summary>Runs the built <c>qaingest</c> command as a process, the way scripts and cron use it.</summary>
internal static class Cli
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    public static string DllPath => Path.Combine(Repo.Root, "src", "QaIngest.Cli", "bin", Repo.Configuration, "net10.0", "qaingest.dll");

    public static Outcome Run(params string[] args) => RunIn(Repo.Root, args);

    /// <summary>Runs qaingest with another working directory (pipelines resolve their relative paths there).</summary>
    public static Outcome RunIn(string workingDirectory, params string[] args) => RunWith(new Dictionary<string, string>(), workingDirectory, args);

    /// <summary>Runs qaingest with extra environment variables (the test hooks of <c>QaIngest.Cli.TestHooks</c>).</summary>
    public static Outcome RunWith(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("qaingest did not finish in 60 s: " + string.Join(' ', args));
        }

        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
