using System.Text.Json;

namespace QaIngest.Tests.Cli;

/// <summary>index, search, amounts and eval search as a user runs them.</summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("qaingest-cli-search-").FullName;

    public SearchCommandTests()
    {
        var outcome = Cli.Run("index", "seeds", "--data", data);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
    }

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public void Index_Twice_ReportsEveryDocumentUnchanged()
    {
        var outcome = Cli.Run("index", "seeds", "--data", data, "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        var report = JsonDocument.Parse(outcome.StdOut).RootElement;
        Assert.Equal(0, report.GetProperty("indexed").GetInt32());
        Assert.Equal(5, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(5, report.GetProperty("index").GetProperty("documents").GetInt64());
    }

    [Fact]
    public void Search_RizivBudget2021_FirstHitIsAnswer8WithItsFigure()
    {
        var outcome = Cli.Run("search", "RIZIV budget 2021", "--data", data, "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        var first = JsonDocument.Parse(outcome.StdOut).RootElement.GetProperty("hits")[0];
        Assert.EndsWith("001_98b0514b58b8ebbf.txt", first.GetProperty("source").GetString());
        Assert.Equal("answer", first.GetProperty("section").GetString());
        Assert.Equal(8, first.GetProperty("number").GetInt32());
        Assert.Equal(693, first.GetProperty("documentNumber").GetInt32());
        Assert.Contains(first.GetProperty("figures").EnumerateArray(), f => f.GetProperty("value").GetDecimal() == 24_000_000m && f.GetProperty("currency").GetString() == "EUR");
    }

    [Fact]
    public void Amounts_Min50Million_ListsBothLargestFirst()
    {
        var outcome = Cli.Run("amounts", "--min", "50000000", "--data", data, "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        var values = JsonDocument.Parse(outcome.StdOut).RootElement.EnumerateArray().Select(r => r.GetProperty("value").GetDecimal()).ToList();
        Assert.Equal([266_225_260m, 93_167_648m], values.Take(2));
    }

    [Fact]
    public void EvalSearch_GoldQueries_AllMet()
    {
        var outcome = Cli.Run("eval", "search", "--queries", Repo.Fixture("Search", "Fixtures", "queries.json"), "--data", data);

        Assert.True(outcome.ExitCode == 0, outcome.StdOut);
        Assert.Contains("MRR 1, recall@10 1", outcome.StdOut);
    }

    [Theory]
    [InlineData("\"unclosed")]
    [InlineData("amount:>=abc")]
    [InlineData("year:2019..")]
    [InlineData("AND")]
    public void Search_MalformedQuery_ExitsTwoWithOneLine(string query)
    {
        var outcome = Cli.Run("search", query, "--data", data);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.StdErr.Trim().Split('\n'));
        Assert.Contains("malformed query", outcome.StdErr);
    }

    [Fact]
    public void Search_MissingDataDirectory_ExitsTwo()
    {
        var outcome = Cli.Run("search", "vdab", "--data", Path.Combine(data, "nope"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("does not exist", outcome.StdErr);
    }

    [Fact]
    public void Index_DataDirectoryNotWritable_ExitsTwo()
    {
        var blocker = Path.Combine(data, "blocker");
        File.WriteAllText(blocker, "a file where the data directory should be");

        var outcome = Cli.Run("index", "seeds", "--data", Path.Combine(blocker, "data"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public void Index_MissingPath_ExitsTwo()
    {
        var outcome = Cli.Run("index", Path.Combine(data, "no-such-folder"), "--data", data);

        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public void Index_GarbageFileAmongGood_RecordsFailureAndKeepsTheRest()
    {
        var folder = Path.Combine(data, "mixed");
        Directory.CreateDirectory(folder);
        File.Copy(Repo.Seed("001_98b0514b58b8ebbf.txt"), Path.Combine(folder, "good.txt"));
        var garbage = new byte[4096];
        new Random(3).NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(folder, "bad.txt"), garbage);

        var outcome = Cli.Run("index", folder, "--data", data, "--format", "json");

        Assert.Equal(1, outcome.ExitCode);
        var report = JsonDocument.Parse(outcome.StdOut).RootElement;
        Assert.Equal(1, report.GetProperty("indexed").GetInt32());
        Assert.Single(report.GetProperty("failed").EnumerateArray());
        Assert.Equal(6, report.GetProperty("index").GetProperty("documents").GetInt64());
    }
}
