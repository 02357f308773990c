using System.Text.Json;

namespace QaIngest.Tests.Cli;

/// <summary><c>qaingest bench search --all</c>: every query of the mix listed in its order, with its time and matches.</summary>
public sealed class BenchSearchCommandTests
{
    [Fact]
    public void BenchSearch_All_ListsEveryQueryOfTheMix()
    {
        var listed = Cli.Run("bench", "search", "--documents", "100", "--queries", "20", "--all", "--format", "json");
        var plain = Cli.Run("bench", "search", "--documents", "100", "--queries", "20", "--format", "json");

        Assert.True(listed.ExitCode == 0, listed.StdErr);
        Assert.True(plain.ExitCode == 0, plain.StdErr);
        using var report = JsonDocument.Parse(listed.StdOut);
        var queries = report.RootElement.GetProperty("queries").EnumerateArray().ToList();
        Assert.Equal(20, queries.Count);
        Assert.Equal(20, report.RootElement.GetProperty("all").GetProperty("queries").GetInt32());

        // The slowest is one of them; a run without --all (same seed, same mix) lists none, and its slowest are among them.
        var slowest = report.RootElement.GetProperty("slowest").EnumerateArray().ToList();
        Assert.Equal(queries.Max(q => q.GetProperty("milliseconds").GetDouble()), slowest[0].GetProperty("milliseconds").GetDouble());
        Assert.Contains(queries, q => q.GetProperty("query").GetString() == slowest[0].GetProperty("query").GetString());
        using var other = JsonDocument.Parse(plain.StdOut);
        Assert.False(other.RootElement.TryGetProperty("queries", out _));
        var names = queries.Select(q => q.GetProperty("query").GetString()).ToHashSet();
        Assert.All(other.RootElement.GetProperty("slowest").EnumerateArray(), s => Assert.Contains(s.GetProperty("query").GetString(), names));
    }

    [Fact]
    public void BenchSearch_Warmup_IsReportedAndBounded()
    {
        var none = Cli.Run("bench", "search", "--documents", "100", "--queries", "10", "--warmup", "0", "--format", "json");
        var byDefault = Cli.Run("bench", "search", "--documents", "100", "--queries", "10", "--format", "json");
        var negative = Cli.Run("bench", "search", "--documents", "100", "--queries", "10", "--warmup", "-1");

        Assert.True(none.ExitCode == 0, none.StdErr);
        Assert.True(byDefault.ExitCode == 0, byDefault.StdErr);
        using var first = JsonDocument.Parse(none.StdOut);
        using var second = JsonDocument.Parse(byDefault.StdOut);
        Assert.Equal(0, first.RootElement.GetProperty("warmupPasses").GetInt32());
        Assert.Equal(3, second.RootElement.GetProperty("warmupPasses").GetInt32());
        Assert.Equal(10, first.RootElement.GetProperty("all").GetProperty("queries").GetInt32());
        Assert.NotEqual(0, negative.ExitCode);
        Assert.Contains("--warmup", negative.StdErr, StringComparison.Ordinal);
    }
}
