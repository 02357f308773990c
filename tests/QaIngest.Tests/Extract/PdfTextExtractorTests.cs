using System.Diagnostics;
using System.Text.Json;
using QaIngest.Extract;
using QaIngest.Tests.Support;
using Xunit.Abstractions;

namespace QaIngest.Tests.Extract;

public sealed class PdfTextExtractorTests(ITestOutputHelper output)
{
    private const string RealPdf = "corpus/real/vrg_en_antw.235.pdf";

    public static TheoryData<string> PdfFixtures => FixtureCase.Files("Pdf");

    public static TheoryData<string> RealMustContain()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("corpus/real/vrg_en_antw.235.json")));
        var data = new TheoryData<string>();
        foreach (var text in json.RootElement.GetProperty("mustContain").EnumerateArray())
        {
            data.Add(text.GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PdfFixtures))]
    public async Task ExtractFileAsync_FixturePdf_HasTheSeedsWords(string file)
    {
        var fixture = FixtureCase.Get(file);
        var stopwatch = Stopwatch.StartNew();
        var result = await new PdfTextExtractor().ExtractFileAsync(fixture.FullPath);
        stopwatch.Stop();

        Assert.True(result.Success, result.Error);
        fixture.AssertSameWordsAsSeed(result.Value.Text, output, $", {result.Value.PageCount} pages, {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(fixture.Pages, result.Value.PageCount);
    }

    [Theory]
    [MemberData(nameof(PdfFixtures))]
    public async Task ExtractFileAsync_FixturePdf_MarksEveryPageBreakOnItsOwnLine(string file)
    {
        var fixture = FixtureCase.Get(file);
        var result = await new PdfTextExtractor().ExtractFileAsync(fixture.FullPath);

        Assert.True(result.Success, result.Error);
        var lines = result.Value.Text.Split('\n');
        Assert.Equal(fixture.Pages - 1, lines.Count(l => l == "\f"));
        Assert.DoesNotContain(lines, l => l.Contains('\f') && l != "\f");
        var afterBreaks = lines.Select((l, i) => (l, i)).Where(x => x.l == "\f").Select(x => lines[x.i + 2]).ToList();
        Assert.Contains(afterBreaks, l => l.StartsWith(fixture.AnswerStart!, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RealMustContain))]
    public async Task ExtractFileAsync_RealPdf_ContainsTextWithSingleSpaces(string expected)
    {
        var result = await new PdfTextExtractor().ExtractFileAsync(RepositoryFiles.PathOf(RealPdf));

        Assert.True(result.Success, result.Error);
        Assert.Contains(expected, result.Value.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", result.Value.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SCHRIFTELIJKE VRAAG")]
    [InlineData("nr. 235")]
    [InlineData("van SUZY WOUTERS")]
    [InlineData("datum: 11 januari 2024")]
    [InlineData("aan ZUHAL DEMIR")]
    [InlineData("VLAAMS MINISTER VAN JUSTITIE EN HANDHAVING, OMGEVING, ENERGIE EN TOERISME")]
    [InlineData("Wateroverlast Demerbekken - Draaiboek voor lokale besturen")]
    [InlineData("ZUHAL DEMIR")]
    [InlineData("ANTWOORD")]
    [InlineData("op vraag nr. 235 van 11 januari 2024")]
    public async Task ExtractFileAsync_RealPdf_KeepsHeaderLinesApart(string headerLine)
    {
        var result = await new PdfTextExtractor().ExtractFileAsync(RepositoryFiles.PathOf(RealPdf));

        Assert.True(result.Success, result.Error);
        Assert.Contains(headerLine, result.Value.Text.Split('\n'));
    }

    [Fact]
    public async Task ExtractFileAsync_RealPdf_StartsNumberedItemsOnTheirOwnLine()
    {
        var result = await new PdfTextExtractor().ExtractFileAsync(RepositoryFiles.PathOf(RealPdf));

        Assert.True(result.Success, result.Error);
        var lines = result.Value.Text.Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("1. ", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("2. ", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("3. ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("1. Is de minister intussen al op de hoogte van de aanbeveling van de gouverneurs van Vlaams-Brabant en Limburg om", StringComparison.Ordinal));
        Assert.Equal(3, result.Value.PageCount);
        Assert.Equal(2, lines.Count(l => l == "\f"));
    }
}
