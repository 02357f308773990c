using QaIngest.Search;

namespace QaIngest.Tests.Search;

public class DutchAnalyzerTests
{
    [Theory]
    [InlineData("trajecten", "traject")]
    [InlineData("traject", "traject")]
    [InlineData("geëvalueerd", "geevalueerd")]
    [InlineData("geevalueerd", "geevalueerd")]
    [InlineData("Jongerenconsulenten", "jongerenconsulent")]
    [InlineData("266.225.260", "266225260")]
    [InlineData("24.000.000,00", "24000000")]
    public void Term_Word_GivesFoldedStem(string word, string expected)
    {
        Assert.Equal(expected, DutchAnalyzer.Term(word));
    }

    [Fact]
    public void Analyze_HyphenatedWord_GivesWholeAndParts()
    {
        var tokens = DutchAnalyzer.Analyze("re-integratietrajecten");

        Assert.Equal(DutchAnalyzer.Term("reintegratietrajecten"), tokens[0].Term);
        Assert.False(tokens[0].IsPart);
        Assert.Equal(["re", DutchAnalyzer.Term("integratietrajecten")], tokens.Where(t => t.IsPart).Select(t => t.Term));
        Assert.All(tokens, t => Assert.Equal(0, t.Position));
    }

    [Fact]
    public void Analyze_ReIntegratieSpellings_ShareTheirTerm()
    {
        Assert.Equal(DutchAnalyzer.Term("re-integratie"), DutchAnalyzer.Term("reintegratie"));
    }

    [Fact]
    public void Analyze_Sentence_DropsStopWordsAndKeepsOffsets()
    {
        const string text = "werd in totaal 24 miljoen euro overgemaakt van het RIZIV aan VDAB";

        var tokens = DutchAnalyzer.Analyze(text);

        Assert.DoesNotContain(tokens, t => t.Term is "in" or "van" or "het" or "aan");
        var riziv = tokens.Single(t => t.Term == "riziv");
        Assert.Equal("RIZIV", text.Substring(riziv.Start, riziv.Length));
        Assert.Equal(Enumerable.Range(0, tokens.Length), tokens.Select(t => t.Position));
    }
}
