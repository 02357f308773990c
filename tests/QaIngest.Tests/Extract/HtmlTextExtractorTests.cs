using QaIngest.Extract;
using Xunit.Abstractions;

namespace QaIngest.Tests.Extract;

public sealed class HtmlTextExtractorTests(ITestOutputHelper output)
{
    public static TheoryData<string> HtmlFixtures => FixtureCase.Files("Html");

    [Theory]
    [MemberData(nameof(HtmlFixtures))]
    public void Extract_FixtureHtml_HasTheSeedsWords(string file)
    {
        var fixture = FixtureCase.Get(file);

        var result = HtmlTextExtractor.Extract(File.ReadAllText(fixture.FullPath));

        Assert.True(result.Success, result.Error);
        fixture.AssertSameWordsAsSeed(result.Value.Text, output, string.Empty);
    }

    [Theory]
    [MemberData(nameof(HtmlFixtures))]
    public void Extract_FixtureHtml_ListsEveryLinkTarget(string file)
    {
        var result = HtmlTextExtractor.Extract(File.ReadAllText(FixtureCase.Get(file).FullPath));

        Assert.Equal(
            [
                "https://www.vlaamsparlement.be/commissies/commissievergaderingen/1402103/verslag/1407334",
                "https://armoede.vlaanderen.be/projecten",
                "https://www.vdab.be/werkinzicht/jobcoaching.shtml",
            ],
            result.Value!.Links.ToArray());
    }

    [Theory]
    [InlineData("<h2>ANTWOORD</h2><p>op vraag nr. 235 van 11 januari 2024<br>van SUZY WOUTERS</p>", "ANTWOORD|op vraag nr. 235 van 11 januari 2024|van SUZY WOUTERS")]
    [InlineData("<ol><li>Eerste vraag?</li><li>Tweede <b>vraag</b>?</li></ol>", "1. Eerste vraag?|2. Tweede vraag?")]
    [InlineData("<ol start=\"3\"><li>Derde</li><li value=\"7\">Zevende</li><li>Achtste</li></ol>", "3. Derde|7. Zevende|8. Achtste")]
    [InlineData("<ol type=\"a\"><li>leeftijd;</li><li>gender;</li></ol>", "a) leeftijd;|b) gender;")]
    [InlineData("<ol><li><p>1. Het nummer staat al in de tekst.</p></li></ol>", "1. Het nummer staat al in de tekst.")]
    [InlineData("<ul><li>eerste</li><li>tweede</li></ul>", "- eerste|- tweede")]
    [InlineData("<table><tr><th>Provincie</th><th>Aantal</th></tr><tr><td>Limburg</td><td>1.234</td></tr></table>", "Provincie Aantal|Limburg 1.234")]
    [InlineData("<p>co&ouml;rdinatie &amp; re&#8209;integratie&nbsp;&euro;&#160;5</p>", "coördinatie & re‑integratie € 5")]
    [InlineData("<nav><a href=\"/\">Home</a></nav><script>var x = 1;</script><style>p{}</style><p>Tekst</p><div hidden>verborgen</div><p style=\"display: none\">ook</p>", "Tekst")]
    [InlineData("<p>Zie <a href=\"https://www.vlaamsparlement.be/link?id=18585\">bijlage 1</a>.</p>", "Zie bijlage 1 (https://www.vlaamsparlement.be/link?id=18585).")]
    [InlineData("<p><a href=\"https://armoede.vlaanderen.be/projecten\">https://armoede.vlaanderen.be/projecten</a></p>", "https://armoede.vlaanderen.be/projecten")]
    [InlineData("<p>Een   zin\n  over\tmeerdere\n regels.</p>", "Een zin over meerdere regels.")]
    public void Extract_Markup_KeepsBlockStructure(string body, string expectedLines)
    {
        var result = HtmlTextExtractor.Extract($"<!DOCTYPE html><html><head><title>titel</title></head><body>{body}</body></html>");

        Assert.Equal(expectedLines.Split('|'), result.Value!.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Extract_Link_IsListedOnce()
    {
        var result = HtmlTextExtractor.Extract("<p><a href=\"https://www.vlaamsparlement.be/link?id=15149\">a</a> <a href=\"https://www.vlaamsparlement.be/link?id=15149\">b</a> <a href=\"#top\">c</a></p>");

        Assert.Equal(["https://www.vlaamsparlement.be/link?id=15149"], result.Value!.Links.ToArray());
    }
}
