using QaIngest.Extract;

namespace QaIngest.Tests.Extract;

public class PdfLayoutReaderTests
{
    private const string Page = """
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
        <body><doc>
          <page width="595.3" height="841.9"><flow><block xMin="70" yMin="72" xMax="300" yMax="95">
            <line xMin="70" yMin="72" xMax="300" yMax="82">
              <word xMin="70" yMin="72" xMax="141" yMax="82">Wateroverlast</word>
              <word xMin="144" yMin="72" xMax="175" yMax="82">WORD2</word>
            </line>
            <line xMin="70" yMin="85" xMax="300" yMax="95"><word xMin="70" yMin="85" xMax="90" yMax="95">R&amp;D</word></line>
          </block></flow></page>
          <page width="595.3" height="841.9"></page>
        </doc></body></html>
        """;

    [Fact]
    public void Read_WellFormedXhtml_GivesPagesLinesAndWords()
    {
        var pages = PdfLayoutReader.Read(Page);

        Assert.Equal(2, pages.Length);
        Assert.Equal(["Wateroverlast", "WORD2"], pages[0].Lines[0].Words.Select(w => w.Text));
        Assert.Equal("R&D", pages[0].Lines[1].Words[0].Text);
        Assert.Equal(144, pages[0].Lines[0].Words[1].XMin);
        Assert.Empty(pages[1].Lines);
    }

    [Fact]
    public void Read_MalformedXhtml_FallsBackToTheHtmlReader()
    {
        // An undeclared entity and an unclosed element are not XML; HtmlAgilityPack still reads them.
        var malformed = Page.Replace("WORD2", "WORD&nbsp;2", StringComparison.Ordinal).Replace("</doc>", "<p></doc>", StringComparison.Ordinal);

        var pages = PdfLayoutReader.Read(malformed);

        Assert.Equal(2, pages.Length);
        Assert.Equal("Wateroverlast", pages[0].Lines[0].Words[0].Text);
        Assert.StartsWith("WORD", pages[0].Lines[0].Words[1].Text);
        Assert.Equal("R&D", pages[0].Lines[1].Words[0].Text);
    }
}
