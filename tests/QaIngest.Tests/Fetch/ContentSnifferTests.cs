using System.IO.Compression;
using System.Text;
using QaIngest.Fetch;

namespace QaIngest.Tests.Fetch;

public sealed class ContentSnifferTests
{
    public static TheoryData<string, string?, FileFormat> Accepted() => new()
    {
        { "corpus/real/vrg_en_antw.235.pdf", "application/pdf", FileFormat.Pdf },
        { "corpus/real/vrg_en_antw.235.pdf", "application/octet-stream", FileFormat.Pdf },
        { "corpus/real/vrg_en_antw.235.pdf", null, FileFormat.Pdf },
        { "corpus/fixtures/docx/004_35977454894e5686.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileFormat.Docx },
        { "corpus/fixtures/docx/004_35977454894e5686.docx", "application/zip", FileFormat.Docx },
        { "corpus/fixtures/html/003_4c706d359fb8f43f.html", "text/html; charset=utf-8", FileFormat.Html },
        { "seeds/001_98b0514b58b8ebbf.txt", "text/plain; charset=utf-8", FileFormat.Text },
        { "seeds/001_98b0514b58b8ebbf.txt", null, FileFormat.Text },
        { "corpus/real/vrg_en_antw.235.json", "application/json", FileFormat.Json },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Sniff_DocumentWithMatchingOrGenericType_IsAccepted(string file, string? contentType, FileFormat expected)
    {
        var result = ContentSniffer.Sniff(File.ReadAllBytes(Repo.File_(file.Split('/'))), contentType);

        Assert.True(result.Accepted, result.Problem);
        Assert.Equal(expected, result.Format);
    }

    [Theory]
    [InlineData("seeds/001_98b0514b58b8ebbf.txt", "application/pdf", "declared application/pdf, content is plain text")]
    [InlineData("corpus/real/vrg_en_antw.235.pdf", "text/html", "declared text/html, content is PDF")]
    [InlineData("corpus/fixtures/docx/004_35977454894e5686.docx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content is DOCX")]
    public void Sniff_TypeContradictedByBytes_IsWrongContentType(string file, string contentType, string reason)
    {
        var result = ContentSniffer.Sniff(File.ReadAllBytes(Repo.File_(file.Split('/'))), contentType);

        Assert.False(result.Accepted);
        Assert.Contains("wrong content type", result.Problem);
        Assert.Contains(reason, result.Problem);
    }

    [Fact]
    public void Sniff_ImageBytes_IsUnrecognised()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

        var result = ContentSniffer.Sniff(png, "image/png");

        Assert.Equal(FileFormat.Unknown, result.Format);
        Assert.Contains("unrecognised content (image/png", result.Problem);
    }

    [Fact]
    public void FromBytes_Spreadsheet_IsXlsx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/workbook.xml").Open();
            entry.Write("<workbook/>"u8);
        }

        Assert.Equal(FileFormat.Xlsx, ContentSniffer.FromBytes(buffer.ToArray()));
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 }, FileFormat.Doc)]
    [InlineData(new byte[] { 0x20, 0x0A, 0x25, 0x50, 0x44, 0x46, 0x2D }, FileFormat.Pdf)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0 }, FileFormat.Unknown)]
    [InlineData(new byte[0], FileFormat.Unknown)]
    public void FromBytes_MagicNumbers_Recognised(byte[] bytes, FileFormat expected) =>
        Assert.Equal(expected, ContentSniffer.FromBytes(bytes));

    [Fact]
    public void FromBytes_HtmlPage_IsHtmlAndJsonIsJson()
    {
        Assert.Equal(FileFormat.Html, ContentSniffer.FromBytes(Encoding.UTF8.GetBytes("\uFEFF  <!DOCTYPE html><html><body>x</body></html>")));
        Assert.Equal(FileFormat.Json, ContentSniffer.FromBytes("{\"id\": 1}"u8));
    }
}
