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

public class PdfBboxScannerTests
{
    public static TheoryData<string> Pdfs() =>
    [
        "corpus/real/vrg_en_antw.235.pdf",
        "corpus/fixtures/pdf/000_57b4a00a02773f93.pdf",
        "corpus/fixtures/pdf/002_61f6de835ac0d6a8.pdf",
    ];

    [Theory]
    [MemberData(nameof(Pdfs))]
    public void TryRead_PdftotextOutput_GivesWhatTheXmlAndHtmlReadersGive(string pdf)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-bbox-layout", "-enc", "UTF-8", Path.Combine(Repo.Root, pdf), "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var xhtml = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.True(PdfBboxScanner.TryRead(xhtml, out _));
        var scanned = Flatten(PdfLayoutReader.Read(xhtml));
        Assert.Equal(Flatten(PdfLayoutReader.ReadXml(xhtml)), scanned);
        Assert.Equal(Flatten(PdfLayoutReader.ReadHtml(xhtml)), scanned);
    }

    [Theory]
    [InlineData("<html><body><doc><page width=\"1\" height=\"1\"><line><word xMin=\"1\">x</word></line></page></doc></body></html>")]
    [InlineData("<doc><page width=\"1\" height=\"1\"><line><word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"2\">x</word></line>")]
    [InlineData("<doc><word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"2\">x</word></doc>")]
    public void TryRead_UnexpectedShape_Refuses(string xhtml)
    {
        Assert.False(PdfBboxScanner.TryRead(xhtml, out _));
    }

    private static List<string> Flatten(System.Collections.Immutable.ImmutableArray<PdfPage> pages) =>
        [.. pages.SelectMany(p => p.Lines.Select(l => $"{p.Number}: " + string.Join(' ', l.Words.Select(w => $"{w.Text}@{w.XMin:0.##},{w.YMin:0.##}"))))];
}
