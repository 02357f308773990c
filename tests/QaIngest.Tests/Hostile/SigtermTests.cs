using System.Diagnostics;

namespace QaIngest.Tests.Hostile;

/// <summary>SIGTERM (a scheduler stopping the job) ends any command within 2 s with exit code 143, even one stuck in a reading.</summary>
[Collection(HostileCollection.Name)]
public sealed class SigtermTests
{
    [Fact]
    public async Task Standin_Sigterm_EndsWithinTwoSecondsWith143()
    {
        using var process = Start("standin", "--port", "0");
        var first = await process.StandardOutput.ReadLineAsync();
        Assert.StartsWith("stand-in listening on", first);

        var elapsed = Terminate(process);

        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed.TotalSeconds:0.0} s");
        Assert.Equal(143, process.ExitCode);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.Root };
        start.ArgumentList.Add(Cli.Cli.DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    // Sends SIGTERM and returns how long the process took to exit (killed after 10 s so the test cannot hang).
    private static TimeSpan Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        var watch = Stopwatch.StartNew();
        kill.WaitForExit();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
        }

        return watch.Elapsed;
    }
}
