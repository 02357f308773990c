using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Tests.Figures;

public class FigureGoldFileTests
{
    public static TheoryData<string, string?> Locations() => new()
    {
        { "preamble", "preamble" },
        { "answer 8", "answer 8" },
        { "question 6", "question 6" },
        { "Answer 6b", "answer 6b" },
        { "answer preamble", "answerpreamble" },
        { "title", "title" },
        { "answer", null },
        { "answer x", null },
        { "bijlage 1", null },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(Locations))]
    public void ParseWhere_GoldLocation_GivesTextLocation(string where, string? expected)
    {
        Assert.Equal(expected, FigureGoldFile.ParseWhere(where)?.ToString());
    }

    [Fact]
    public void Parse_GoldFile_ReadsMoneyPercentagesCountsAndSums()
    {
        const string json = """
            { "file": "x.txt",
              "money": [{ "text": "4.800 euro per traject", "value": 4800, "currency": "EUR", "per": "traject", "where": "answer 8" }],
              "percentages": [{ "text": "10%", "value": 10, "where": "preamble" }],
              "counts": [{ "text": "5.000 trajecten", "value": 5000, "where": "answer 8" }],
              "sums": [{ "total": 3, "parts": [1, 2], "where": "answer 2" }] }
            """;

        var gold = FigureGoldFile.Parse(json)!;

        Assert.Equal("x.txt", gold.File);
        Assert.Equal(
            ["Money 4800 answer 8 traject", "Percentage 10 preamble ", "Count 5000 answer 8 "],
            gold.Figures.Select(f => $"{f.Kind} {f.Value} {f.Location} {f.Per}"));
        var sum = Assert.Single(gold.Sums);
        Assert.Equal((3m, new TextLocation(Section.Answer, 2)), (sum.Total, sum.Location));
        Assert.Equal<decimal>([1m, 2m], sum.Parts);
    }

    [Fact]
    public void Parse_JsonWithoutFile_IsNotAGoldFile()
    {
        Assert.Null(FigureGoldFile.Parse("""{ "queries": [] }"""));
    }

    [Fact]
    public void Parse_UnreadableLocation_IsNotAGoldFile()
    {
        Assert.Null(FigureGoldFile.Parse("""{ "file": "x.txt", "money": [{ "value": 1, "where": "somewhere" }] }"""));
    }
}
