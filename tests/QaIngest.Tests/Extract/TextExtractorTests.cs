using System.Text;
using QaIngest.Extract;
using QaIngest.Tests.Support;

namespace QaIngest.Tests.Extract;

public sealed class TextExtractorTests
{
    [Theory]
    [InlineData("corpus/fixtures/html/003_4c706d359fb8f43f.html", "bijlage.pdf", SourceFormat.Html)]
    [InlineData("corpus/fixtures/pdf/004_35977454894e5686.pdf", "pagina.html", SourceFormat.Pdf)]
    [InlineData("corpus/fixtures/docx/004_35977454894e5686.docx", "vraag.pdf", SourceFormat.Docx)]
    [InlineData("seeds/001_98b0514b58b8ebbf.txt", "vraag.docx", SourceFormat.PlainText)]
    public async Task ExtractFileAsync_MisleadingExtension_UsesTheFormatOfTheBytes(string source, string misleadingName, SourceFormat expected)
    {
        var folder = Directory.CreateTempSubdirectory("qaingest-ext-").FullName;
        try
        {
            var path = Path.Combine(folder, misleadingName);
            File.Copy(RepositoryFiles.PathOf(source), path);

            var result = await new TextExtractor().ExtractFileAsync(path);

            Assert.True(result.Success, result.Error);
            Assert.Equal(expected, result.Value.Format);
            Assert.Contains("VDAB", result.Value.Text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("", ExtractionFailure.Empty, "empty document: no text")]
    [InlineData("  \n\n ", ExtractionFailure.Empty, "empty document: no text")]
    [InlineData("hex:D0CF11E0A1B11AE1000000000000000000000000000000003E000300FEFF0900", ExtractionFailure.LegacyDoc, "legacy .doc is not supported; save as .docx or PDF")]
    [InlineData("hex:89504E470D0A1A0A0000000D4948445200000001", ExtractionFailure.UnknownFormat, "unknown format: not PDF, DOCX, HTML or text (starts with 89504E470D0A1A0A)")]
    [InlineData("hex:504B030414000000080000002100", ExtractionFailure.UnknownFormat, "unknown format: not PDF, DOCX, HTML or text (starts with 504B030414000000)")]
    [InlineData("1234 5678 !!", ExtractionFailure.UnknownFormat, "no text: the input has no letters")]
    public async Task ExtractAsync_UnusableInput_FailsWithOneLineReason(string input, ExtractionFailure failure, string error)
    {
        var bytes = input.StartsWith("hex:", StringComparison.Ordinal) ? Convert.FromHexString(input[4..]) : Encoding.UTF8.GetBytes(input);

        var result = await new TextExtractor().ExtractAsync(bytes);

        Assert.False(result.Success);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task ExtractAsync_RandomBytes_FailsAsUnknownFormat()
    {
        var garbage = new byte[8192];
        new Random(11).NextBytes(garbage);

        var result = await new TextExtractor().ExtractAsync(garbage);

        Assert.Equal(ExtractionFailure.UnknownFormat, result.Failure);
    }

    [Fact]
    public async Task ExtractFileAsync_MissingFile_FailsAsUnreadable()
    {
        var result = await new TextExtractor().ExtractFileAsync("/nonexistent/vraag.pdf");

        Assert.Equal(ExtractionFailure.Unreadable, result.Failure);
        Assert.StartsWith("cannot read /nonexistent/vraag.pdf", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PlainText_PassesThroughWithUnixLineEnds()
    {
        var result = await new TextExtractor().ExtractAsync(Encoding.UTF8.GetBytes("\uFEFFSCHRIFTELIJKE VRAAG\r\nnr. 235\r\n"));

        Assert.True(result.Success, result.Error);
        Assert.Equal("SCHRIFTELIJKE VRAAG\nnr. 235\n", result.Value.Text);
        Assert.Equal(SourceFormat.PlainText, result.Value.Format);
    }
}
