using System.Xml;
using System.Xml.Linq;
using QaIngest.Text;

namespace QaIngest.Tests.Text;

public sealed class XmlSafeTextTests
{
    [Theory]
    [InlineData("het \uFFFERIZIV", "het RIZIV")]
    [InlineData("Titel\uFFFF", "Titel")]
    [InlineData("bel\u0007 en\u0000 nul\u001B", "bel en nul")]
    [InlineData("tab\tcr\rlf\n", "tab\tcr\rlf\n")]
    [InlineData("niet\uFDD0-teken\uFDEF", "niet-teken")]
    [InlineData("vlak \U0001FFFE en \U0010FFFF", "vlak  en ")]
    [InlineData("euro € “quotes” 😀 \uFFFD", "euro € “quotes” 😀 \uFFFD")]
    public void Clean_Text_LeavesOutWhatXmlForbidsOrDiscourages(string text, string expected)
    {
        Assert.Equal(expected, XmlSafeText.Clean(text));
    }

    [Fact]
    public void Clean_LoneSurrogates_LeftOutPairsKept()
    {
        // Not in [InlineData]: an attribute argument cannot carry a lone surrogate (it becomes U+FFFD).
        Assert.Equal("Jan Peeters", XmlSafeText.Clean("Jan\uD800 Peeters"));
        Assert.Equal("ab", XmlSafeText.Clean("a\uDC00b"));
        Assert.Equal("eind", XmlSafeText.Clean("eind\uD83D"));
        Assert.Equal("\uD83D\uDE00", XmlSafeText.Clean("\uDE00\uD83D\uDE00\uD83D"));
    }

    [Fact]
    public void Clean_AllowedText_ReturnsTheSameString()
    {
        var text = "Vraag 693: 😀 geïntegreerd";

        Assert.Same(text, XmlSafeText.Clean(text));
    }

    [Fact]
    public void Clean_Tree_EveryTextAttributeAndCommentWritesAndParses()
    {
        var tree = new XElement("feed",
            new XAttribute("title", "a\uFFFEb"),
            new XComment("c\uD800d"),
            new XElement("entry", "e\uFFFFf", new XCData("g\u0001h"), new XElement("deep", new XElement("deeper", "i\uDBFFj"))));

        var written = XmlSafeText.Clean(tree).ToString();

        using var reader = XmlReader.Create(new StringReader(written));
        var parsed = XElement.Load(reader);
        Assert.Equal("ab", parsed.Attribute("title")!.Value);
        Assert.Equal("cd", parsed.Nodes().OfType<XComment>().Single().Value);
        Assert.Equal("efghij", parsed.Element("entry")!.Value);
    }

    [Fact]
    public void Write_TreeNotCleaned_Throws()
    {
        // Why every writer cleans: the same tree, not cleaned, cannot be written at all.
        var tree = new XElement("entry", "e\uFFFEf");

        Assert.Throws<ArgumentException>(() => tree.ToString());
    }
}
