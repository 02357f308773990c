using QaIngest.Extract;
using QaIngest.Tests.Support;

namespace QaIngest.Tests.Extract;

/// <summary>
/// The ruling lines PdfPig reports reach <see cref="PdfPage.Rules"/> in the words' coordinates: the
/// ruled table fixture (t19, LibreOffice cell borders) has a vertical rule at every column border beside
/// its rows and a horizontal rule between two rows; a fixture laid out without ruling lines (t03) has none.
/// </summary>
public sealed class PdfRuleTests
{
    private static async Task<ExtractedText> Read(string name)
    {
        var result = await new PdfTextExtractor(new() { PdfToTextPath = null }).ExtractFileAsync(RepositoryFiles.PathOf($"corpus/fixtures/tables/{name}.pdf"));
        Assert.True(result.Success, result.Error);
        return result.Value;
    }

    [Fact]
    public async Task Rules_RuledTable_VerticalRuleAtEveryColumnBorderAndHorizontalBetweenRows()
    {
        var text = await Read("t19-eventsector-controles");
        var page = text.Pages[0];
        var vbm = Assert.Single(page.Lines, l => l.Text.StartsWith("VBM", StringComparison.Ordinal));
        var nvb = Assert.Single(page.Lines, l => l.Text.StartsWith("NVB", StringComparison.Ordinal));
        var middle = (vbm.YMin + vbm.YMax) / 2;

        // Five columns: six borders cross the row, the outer two left and right of its words.
        var borders = page.Rules.Where(r => r.Vertical && r.From <= middle && r.To >= middle).Select(r => Math.Round(r.At)).Distinct().Order().ToList();
        Assert.Equal(6, borders.Count);
        Assert.True(borders[0] < vbm.XMin && borders[^1] > vbm.XMax, string.Join(", ", borders));

        // Each amount lies between two borders, none crosses a word.
        Assert.All(vbm.Words, w => Assert.DoesNotContain(borders, x => x > w.XMin && x < w.XMax));
        Assert.Contains(page.Rules, r => !r.Vertical && r.At > vbm.YMax && r.At < nvb.YMin && r.From <= vbm.XMin && r.To >= vbm.XMax);
    }

    [Fact]
    public async Task Rules_TableWithoutRulingLines_NoneReported()
    {
        var text = await Read("t03-woonwerkverkeer");
        Assert.All(text.Pages, p => Assert.Empty(p.Rules));
    }
}
