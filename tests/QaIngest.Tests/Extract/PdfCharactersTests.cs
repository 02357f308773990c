using QaIngest.Extract;

namespace QaIngest.Tests.Extract;

public sealed class PdfCharactersTests
{
    [Theory]
    [InlineData("\uFB01nanciën", "financiën")]
    [InlineData("\uFB02exibel", "flexibel")]
    [InlineData("e\uFB00ect", "effect")]
    [InlineData("e\uFB03ciënt", "efficiënt")]
    [InlineData("wa\uFB04e", "waffle")]
    [InlineData("ge\u00ADzamenlijk", "gezamenlijk")]
    [InlineData("verant\u00AD", "verant\u00AD")]
    [InlineData("\uFF11\uFF10\uFF05", "10%")]
    [InlineData("e\u0301e\u0308n", "éën")]
    [InlineData("zero\u200Bwidth", "zerowidth")]
    [InlineData("non\u2011breaking", "non-breaking")]
    [InlineData("€ 1.250 “café” naïef – m²…", "€ 1.250 “café” naïef – m²…")]
    public void Normalise_MapsByTheTable(string word, string expected)
    {
        Assert.Equal(expected, PdfCharacters.Normalise(word));
    }

    [Fact]
    public void Normalise_DoesNotRelyOnNfkc_WhichThisBuildLeavesUndone()
    {
        // InvariantGlobalization=true: string.Normalize leaves the ligature, so the table is needed.
        Assert.Equal("\uFB01", "\uFB01".Normalize(System.Text.NormalizationForm.FormKC));
        Assert.Equal("fi", PdfCharacters.Normalise("\uFB01"));
    }
}
