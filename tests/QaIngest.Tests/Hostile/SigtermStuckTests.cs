using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// SIGTERM while a command is stuck in a reading that heeds no cancellation: the real CLI as a child
/// process ends within 2 s with exit code 143. <c>extract</c> is stuck for real (100,000 unclosed
/// tags under a 600 s limit); <c>parse</c>, <c>index</c> and <c>run</c> read a file the test hook
/// <c>QAINGEST_TEST_STALL_ON</c> makes never end, as a library stuck in it would.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class SigtermStuckTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("qaingest-sigterm-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Extract_StuckInUnclosedHtml_SigtermEndsItWithin2sWith143()
    {
        var html = Path.Combine(work, "unclosed.html");
        File.WriteAllText(html, HostileInputs.UnclosedBoldItalic(100_000), Encoding.UTF8);

        using var process = Start(new Dictionary<string, string>(), "extract", html, "--timeout", "600", "--max-depth", "1000000");

        AssertEndsOnSigterm(process);
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("index")]
    [InlineData("run")]
    public void Command_StuckInAReading_SigtermEndsItWithin2sWith143(string command)
    {
        var docs = Directory.CreateDirectory(Path.Combine(work, "docs")).FullName;
        File.Copy(Repo.Seed("000_57b4a00a02773f93.txt"), Path.Combine(docs, "stuck.txt"));
        File.WriteAllText(Path.Combine(work, "p.json"), """{ "name": "stuck", "source": { "files": "docs/*.txt" }, "stages": ["extract", "parse", "figures", "index"], "data": "data" }""");
        var args = command switch
        {
            "parse" => new[] { "parse", Path.Combine(docs, "stuck.txt") },
            "index" => ["index", docs, "--data", Path.Combine(work, "data")],
            _ => ["run", "p.json", "--quiet"],
        };

        using var process = Start(new Dictionary<string, string> { ["QAINGEST_TEST_STALL_ON"] = "stuck.txt" }, args);

        AssertEndsOnSigterm(process);
    }

    // Lets the command get into its reading, sends SIGTERM and checks it ended within 2 s with 143 and one line.
    private static void AssertEndsOnSigterm(Process process)
    {
        if (process.WaitForExit(4_000))
        {
            Assert.Fail("the command ended before it was terminated: " + process.StandardError.ReadToEnd());
        }

        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        var watch = Stopwatch.StartNew();
        kill.WaitForExit();
        var ended = process.WaitForExit(10_000);
        var elapsed = watch.Elapsed;
        if (!ended)
        {
            process.Kill();
        }

        Assert.True(ended && elapsed < TimeSpan.FromSeconds(2), $"took {elapsed.TotalSeconds:0.0} s");
        Assert.Equal(143, process.ExitCode);
        var stderr = process.StandardError.ReadToEnd();
        Assert.Contains("terminated (SIGTERM)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
    }

    private Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = work };
        start.ArgumentList.Add(Cli.Cli.DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;

        // Drained as it comes, so a full pipe never blocks the command; stderr is read at the end.
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}
