using System.IO.Compression;
using System.Text;
using QaIngest.Extract;
using QaIngest.Tests.Support;

namespace QaIngest.Tests.Extract;

public sealed class FormatSnifferTests
{
    [Theory]
    [InlineData("corpus/real/vrg_en_antw.235.pdf", SourceFormat.Pdf)]
    [InlineData("corpus/fixtures/pdf/000_57b4a00a02773f93.pdf", SourceFormat.Pdf)]
    [InlineData("corpus/fixtures/docx/004_35977454894e5686.docx", SourceFormat.Docx)]
    [InlineData("corpus/fixtures/html/003_4c706d359fb8f43f.html", SourceFormat.Html)]
    [InlineData("seeds/000_57b4a00a02773f93.txt", SourceFormat.PlainText)]
    public void Sniff_CorpusFile_RecognisesItsFormat(string file, SourceFormat expected)
    {
        Assert.Equal(expected, FormatSniffer.Sniff(File.ReadAllBytes(RepositoryFiles.PathOf(file))));
    }

    [Theory]
    [InlineData("", SourceFormat.Empty)]
    [InlineData(" \r\n\t ", SourceFormat.Empty)]
    [InlineData("%PDF-1.7\n%âãÏÓ", SourceFormat.Pdf)]
    [InlineData("\r\n  junk before the header %PDF-1.4\n", SourceFormat.Pdf)]
    [InlineData("<!DOCTYPE html><p>x</p>", SourceFormat.Html)]
    [InlineData("<!doctype HTML>\n<html>", SourceFormat.Html)]
    [InlineData("  <html lang=\"nl\"><body>x</body></html>", SourceFormat.Html)]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", SourceFormat.Html)]
    [InlineData("\uFEFF<!DOCTYPE html>", SourceFormat.Html)]
    [InlineData("SCHRIFTELIJKE VRAAG\nnr. 235\n<html> is mentioned in the text", SourceFormat.PlainText)]
    [InlineData("Een vraag over wateroverlast en -schade.", SourceFormat.PlainText)]
    public void Sniff_TextBytes_RecognisesTheFormat(string content, SourceFormat expected)
    {
        Assert.Equal(expected, FormatSniffer.Sniff(Encoding.UTF8.GetBytes(content)));
    }

    [Theory]
    [InlineData("D0CF11E0A1B11AE1000000000000000000000000000000003E000300FEFF0900", SourceFormat.LegacyDoc)]
    [InlineData("89504E470D0A1A0A0000000D49484452", SourceFormat.Unknown)]
    [InlineData("504B0304140000000800", SourceFormat.Unknown)]
    [InlineData("48656C6C6F00576F726C64", SourceFormat.Unknown)]
    [InlineData("C328C3A9FFFE", SourceFormat.Unknown)]
    public void Sniff_BinaryBytes_RecognisesTheFormat(string hex, SourceFormat expected)
    {
        Assert.Equal(expected, FormatSniffer.Sniff(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Sniff_ZipWithoutWordDocument_IsUnknown()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            entry.Write("<workbook/>");
        }

        Assert.Equal(SourceFormat.Unknown, FormatSniffer.Sniff(buffer.ToArray()));
    }

    [Fact]
    public void Sniff_Latin1Html_IsHtml()
    {
        Assert.Equal(SourceFormat.Html, FormatSniffer.Sniff(Encoding.Latin1.GetBytes("<html><body>co\u00f6rdinatie</body></html>")));
    }
}
