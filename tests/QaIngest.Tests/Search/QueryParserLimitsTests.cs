using QaIngest.Search;

namespace QaIngest.Tests.Search;

/// <summary>The parser's limits: lowered or raised for one call, and the numeric ranges at their edges (the hostile cases are in Hostile/HostileQueryTests).</summary>
public sealed class QueryParserLimitsTests
{
    private static readonly QueryParserLimits Small = new(MaxDepth: 2, MaxClauses: 3);

    [Theory]
    [InlineData("((vdab))")]
    [InlineData("NOT (vdab) riziv")]
    [InlineData("(a OR b) c")]
    [InlineData("\"een lange zin van zes woorden\" a b")]
    public void Parse_WithinLoweredLimits_Parses(string query)
    {
        Assert.Null(QueryParser.Parse(query, Small).Error);
    }

    [Theory]
    [InlineData("(((vdab)))", "nesting deeper than 2 levels of parentheses and NOT", 2)]
    [InlineData("NOT (NOT vdab) riziv", "nesting deeper than 2 levels of parentheses and NOT", 5)]
    [InlineData("a b c d", "more than 3 clauses of words, phrases and filters", 6)]
    [InlineData("a year:2020 \"b c\" amount:>5", "more than 3 clauses of words, phrases and filters", 18)]
    public void Parse_PastLoweredLimits_ErrorAtTheClause(string query, string message, int position)
    {
        Assert.Equal(new QueryError(message, position), QueryParser.Parse(query, Small).Error);
    }

    [Fact]
    public void Parse_RaisedDepth_LetsDeeperNestingThrough()
    {
        var query = new string('(', 100) + "vdab" + new string(')', 100);

        Assert.NotNull(QueryParser.Parse(query).Error);
        Assert.Null(QueryParser.Parse(query, QueryParserLimits.Default with { MaxDepth = 100 }).Error);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(QueryParserLimits.DepthCeiling + 1, 10)]
    [InlineData(10, 0)]
    public void Parse_LimitsOutsideTheirBounds_Throw(int depth, int clauses)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QueryParser.Parse("vdab", new QueryParserLimits(depth, clauses)));
    }

    [Theory]
    [InlineData("year:1", 1, 1)]
    [InlineData("year:9999", 9999, 9999)]
    [InlineData("number:0", 0, 0)]
    [InlineData("number:2_147_483_647", 2147483647, 2147483647)]
    [InlineData("amount:1000000000000000000", 1e18, 1e18)]
    [InlineData("amount:0.5..7.25", 0.5, 7.25)]
    public void Parse_ValueAtTheEdgeOfItsRange_ParsesAndCompiles(string query, double min, double max)
    {
        var (node, error) = QueryParser.Parse(query);

        Assert.Null(error);
        var range = Assert.IsType<RangeQuery>(node);
        Assert.Equal((decimal)min, range.Min);
        Assert.Equal((decimal)max, range.Max);
        Assert.Null(QueryCompiler.Compile(node!).Error);
    }

    [Theory]
    [InlineData("year:12a", "'12a' is not a number", 5)]
    [InlineData("amount:1.2.3", "'1.2.3' is not a number", 7)]
    [InlineData("number:.", "'.' is not a number", 7)]
    [InlineData("amount:>=-5", "'-5' is not a number", 9)]
    [InlineData("amount:1e30", "'1e30' is not a number", 7)]
    [InlineData("year:2019..20200", "year 20200 is out of range (1..9999)", 11)]
    public void Parse_BadNumber_ErrorAtTheValue(string query, string message, int position)
    {
        Assert.Equal(new QueryError(message, position), QueryParser.Parse(query).Error);
    }
}
