using QaIngest.Text;

namespace QaIngest.Tests.Text;

public class LineJoinerTests
{
    [Theory]
    [InlineData("behandelende en re-|integratiesector", "behandelende en re-integratiesector")]
    [InlineData("zware wateroverlast en -|schade.", "zware wateroverlast en -schade.")]
    [InlineData("huismoeders en |-vaders enzovoort", "huismoeders en -vaders enzovoort")]
    [InlineData("(https://www.vlaamsparlement.be/commissies/commissievergaderingen/1402103/versla|g/1407334).", "(https://www.vlaamsparlement.be/commissies/commissievergaderingen/1402103/verslag/1407334).")]
    [InlineData("zie https://www.vdab.be/a.|Dit is nieuw", "zie https://www.vdab.be/a. Dit is nieuw")]
    [InlineData("https://www.vlaanderen.be/x|https://www.vlaanderen.be/x", "https://www.vlaanderen.be/x https://www.vlaanderen.be/x")]
    [InlineData("goedgekeurd    door    het   Demerbekkenbestuur,|alsook", "goedgekeurd door het Demerbekkenbestuur, alsook")]
    [InlineData("VDAB|-|Bereik", "VDAB - Bereik")]
    [InlineData("‘werk’ bij deze|€ 24,-", "‘werk’ bij deze € 24,-")]
    public void Join_WrappedLines_UnwrapsByTheDutchRules(string wrapped, string expected)
    {
        Assert.Equal(expected, LineJoiner.Join(wrapped.Split('|')));
    }

    [Fact]
    public void Join_UrlWithTrailingSpaceAndPlainWordAfter_KeepsSpace()
    {
        var lines = LineReader.Read("Meer info op https://armoede.vlaanderen.be/projecten \nen elders.");

        Assert.Equal("Meer info op https://armoede.vlaanderen.be/projecten en elders.", LineJoiner.Join(lines));
    }
}
