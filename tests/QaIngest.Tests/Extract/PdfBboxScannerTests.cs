using QaIngest.Extract;

namespace QaIngest.Tests.Extract;

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
