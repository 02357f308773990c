using System.Text.Json;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// A saved search that could never run (a number out of range, nesting past the limit, an
/// unbalanced parenthesis, too many clauses, nothing to search for once compiled) is refused when the pipeline is read: one line naming
/// the saved search, exit 2, nothing done, instead of a run that fails every night.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileSavedSearchTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("qaingest-hostile-saved-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    public static TheoryData<string, string, string> BadSavedSearches() => new()
    {
        { "overflow", "RIZIV year:99999999999", "year 99999999999 is out of range (1..9999) (at character 12)" },
        { "huge-amount", "amount:>=999999999999999999999999999999", "amount 999999999999999999999999999999 is out of range (0..1000000000000000000) (at character 10)" },
        { "deep", new string('(', 11_000) + "RIZIV" + new string(')', 11_000), "nesting deeper than 32 levels of parentheses and NOT (at character 33)" },
        { "unbalanced", "(RIZIV OR VDAB", "unclosed '(' (at character 1)" },
        { "stop-words", "de het een", "the query has nothing to search for (only stop words?)" },
        { "many", Words(1_100), $"more than 1,024 clauses of words, phrases and filters (at character {Words(1_024).Length + " OR ".Length + 1})" },
    };

    [Theory]
    [MemberData(nameof(BadSavedSearches), DisableDiscoveryEnumeration = true)]
    public void Run_BadSavedSearch_RefusedWhenReadWithOneLineNamingIt(string name, string query, string reason)
    {
        Directory.CreateDirectory(Path.Combine(work, "docs"));
        File.Copy(Repo.Seed("001_98b0514b58b8ebbf.txt"), Path.Combine(work, "docs", "a.txt"));
        var pipeline = new
        {
            name = "saved",
            source = new { files = "docs/*.txt" },
            stages = new[] { "extract", "parse", "figures", "index" },
            data = "data",
            savedSearches = new[] { new { name = "RIZIV", query = "RIZIV" }, new { name, query } },
        };
        File.WriteAllText(Path.Combine(work, "p.json"), JsonSerializer.Serialize(pipeline));

        var outcome = Cli.Cli.RunIn(work, "run", "p.json", "--quiet");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.StdOut);
        Assert.Equal($"qaingest: p.json: savedSearches[1].query: saved search {name}: {reason}\n", outcome.StdErr);
        Assert.False(Directory.Exists(Path.Combine(work, "data")), "the refused pipeline ran");
    }

    private static string Words(int count) => string.Join(" OR ", Enumerable.Range(0, count).Select(i => $"woord{i}"));
}
