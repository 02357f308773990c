using QaIngest.Extract;

namespace QaIngest.Tests.Extract;

/// <summary>Where words end and which characters they carry, on crafted PDFs read by PdfPig and, for comparison, by poppler.</summary>
public sealed class PdfWordBuildingTests
{
    private static readonly PdfTextExtractor PdfPig = new(new PdfTextExtractorOptions { PdfToTextPath = null });

    [Theory]
    [InlineData("10. Beschikt de minister over cijfers?")]
    [InlineData("Dit is een uitgevulde regel.")]
    [InlineData("Met woordafstand gezet.")]
    [InlineData("JUSTITIE EN HANDHAVING, OMGEVING")]
    public async Task ExtractAsync_WordLayouts_OneSpaceBetweenWordsAndNoneInside(string line)
    {
        var result = await PdfPig.ExtractAsync(MinimalPdf.WordLayouts());

        Assert.True(result.Success, result.Error);
        Assert.Contains(line, result.Value.Text.Split('\n'));
    }

    [Fact]
    public async Task ExtractAsync_WordLayouts_PdfPigAndPopplerAgree()
    {
        var pdf = MinimalPdf.WordLayouts();

        var pig = await PdfPig.ExtractAsync(pdf);
        var poppler = await ReadWithPoppler(pdf);

        Assert.True(pig.Success, pig.Error);
        Assert.True(poppler.Success, poppler.Error);
        Assert.Equal(poppler.Value.Text, pig.Value.Text);
    }

    [Fact]
    public async Task ExtractAsync_LigaturesSoftHyphensAndAccents_AreNormalised()
    {
        var result = await PdfPig.ExtractAsync(MinimalPdf.MappedCharacters());

        Assert.True(result.Success, result.Error);
        Assert.Equal(
            "Het financiële flexibiliteitsplan van het café is naïef en verantwoordelijk voor € 1.250 aan filialen en gezamenlijke kosten van de stad. Einde.\n",
            result.Value.Text);
    }

    [Fact]
    public async Task ExtractAsync_LigaturesSoftHyphensAndAccents_PopplerPathUsesTheSameTable()
    {
        var pig = await PdfPig.ExtractAsync(MinimalPdf.MappedCharacters());
        var poppler = await ReadWithPoppler(MinimalPdf.MappedCharacters());

        Assert.True(poppler.Success, poppler.Error);
        Assert.Equal(pig.Value!.Text, poppler.Value.Text);
    }

    private static async Task<ExtractionResult> ReadWithPoppler(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"qaingest-words-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            return await new PopplerTextReader("pdftotext", TimeSpan.FromSeconds(20)).ExtractFileAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
