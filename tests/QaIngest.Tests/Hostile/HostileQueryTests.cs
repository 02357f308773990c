using System.Text.Json;
using QaIngest.Search;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// Queries an attacker or a careless operator types: numbers past what their field can hold, deep
/// nesting, thousands of clauses. Each is a query error at the offending character, in the parser
/// and through the real <c>qaingest search</c> as a child process (a stack overflow there would be
/// exit 134, not the one-line error and exit 2).
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileQueryTests(HostileQueryTests.SeedIndex index) : IClassFixture<HostileQueryTests.SeedIndex>
{
    private const string Nesting = "nesting deeper than 32 levels of parentheses and NOT";

    public static TheoryData<string, string, int> OutOfRange() => new()
    {
        { "year:99999999999", "year 99999999999 is out of range (1..9999)", 5 },
        { "number:99999999999999999999", "number 99999999999999999999 is out of range (0..2147483647)", 7 },
        { "amount:>999999999999999999999999999999", "amount 999999999999999999999999999999 is out of range (0..1000000000000000000)", 8 },
        { "vdab year:2019..99999", "year 99999 is out of range (1..9999)", 16 },
        { "vdab amount:[1 TO 99999999999999999999999999999999]", "amount 99999999999999999999999999999999 is out of range (0..1000000000000000000)", 18 },
        { "number:<=2147483648", "number 2147483648 is out of range (0..2147483647)", 9 },
        { "year:0 vdab", "year 0 is out of range (1..9999)", 5 },
    };

    public static TheoryData<string, string, int> TooLarge() => new()
    {
        { Parentheses(11_000, closed: true), Nesting, 32 },
        { Parentheses(100_000, closed: false), Nesting, 32 },
        { string.Concat(Enumerable.Repeat("NOT ", 100_000)) + "vdab", Nesting, 32 * 4 },
        { string.Concat(Enumerable.Repeat("-(", 50_000)) + "vdab", Nesting, (32 * 2) + 1 },
        { Words(2_000), "more than 1,024 clauses of words, phrases and filters", Words(1_024).Length + " OR ".Length },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    [MemberData(nameof(TooLarge), DisableDiscoveryEnumeration = true)]
    public void Parse_HostileQuery_ErrorAtTheOffendingCharacter(string query, string message, int position)
    {
        var budget = new Budget();

        var (node, error) = QueryParser.Parse(query);

        budget.AssertWithin(TimeSpan.FromSeconds(2), 64L << 20);
        Assert.Null(node);
        Assert.Equal(new QueryError(message, position), error);
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    [MemberData(nameof(TooLarge), DisableDiscoveryEnumeration = true)]
    public void Search_HostileQuery_ChildProcessPrintsOneLineAndExitsTwo(string query, string message, int position)
    {
        // One argument may hold at most 128 KiB: the deepest queries are cut to what the command line carries; they fail at the 33rd level all the same.
        var argument = query.Length > 100_001 ? query[..100_001] : query;

        var outcome = Cli.Cli.Run("search", argument, "--data", index.Data);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.StdOut);
        Assert.Equal($"qaingest: malformed query: {message} (at character {position + 1})\n", outcome.StdErr);
    }

    [Fact]
    public void Parse_OneThousandTwentyFourClausesAndThirtyTwoLevels_StillParse()
    {
        Assert.Null(QueryParser.Parse(Words(1_024)).Error);
        Assert.Null(QueryParser.Parse(Parentheses(32, closed: true)).Error);
        Assert.Null(QueryParser.Parse(string.Concat(Enumerable.Repeat("NOT ", 31)) + "(vdab) RIZIV").Error);
    }

    [Fact]
    public void Parse_WordOfManyColonsAfterAComparison_ReadInOnePass()
    {
        // After '<' a ':' belongs to the value; the reader once looked back over the whole word at every colon.
        var query = new string('a', 400_000) + "<" + new string(':', 400_000);
        var budget = new Budget();

        var (node, error) = QueryParser.Parse(query);

        budget.AssertWithin(TimeSpan.FromSeconds(2), 64L << 20);
        Assert.Null(error);
        Assert.Equal(query, Assert.IsType<TermQuery>(node).Word);
    }

    [Theory]
    [InlineData("year:9999 RIZIV")]
    [InlineData("number:2147483647 RIZIV")]
    [InlineData("number:>2147483647")]
    [InlineData("amount:>=1000000000000000000")]
    [InlineData("amount:[0 TO 1_000_000_000_000_000_000] RIZIV")]
    [InlineData("year:1..9999 RIZIV")]
    public void Search_ValuesAtTheEdgeOfTheirRange_SearchWithoutAnError(string query)
    {
        var outcome = Cli.Cli.Run("search", query, "--data", index.Data, "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.True(JsonDocument.Parse(outcome.StdOut).RootElement.GetProperty("total").GetInt64() >= 0);
    }

    private static string Parentheses(int depth, bool closed) =>
        new string('(', depth) + "vdab" + (closed ? new string(')', depth) : string.Empty);

    private static string Words(int count) => string.Join(" OR ", Enumerable.Range(0, count).Select(i => $"w{i}"));

    /// <summary>The five seeds indexed once into a temporary data directory by the real command.</summary>
    public sealed class SeedIndex : IDisposable
    {
        public SeedIndex()
        {
            var outcome = Cli.Cli.Run("index", "seeds", "--data", Data);
            Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        }

        public string Data { get; } = Directory.CreateTempSubdirectory("qaingest-hostile-query-").FullName;

        public void Dispose() => Directory.Delete(Data, recursive: true);
    }
}
