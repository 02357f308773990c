using System.Diagnostics;
using System.Text.Json;
using QaIngest.Extract;
using QaIngest.Tests.Support;
using Xunit.Abstractions;

namespace QaIngest.Tests.Extract;

public sealed class PdfTextExtractorTests(ITestOutputHelper output)
{
    private const string RealPdf = "corpus/real/vrg_en_antw.235.pdf";

    /// <summary>A pdftotext that is not there: the machine without poppler-utils.</summary>
    private const string MissingPdfToText = "/nonexistent/poppler/pdftotext";

    /// <summary>PdfPig alone, or PdfPig with poppler (installed for the tests by scripts/ensure-deps) as its fallback.</summary>
    private static PdfTextExtractor Extractor(bool poppler) =>
        new(new PdfTextExtractorOptions { PdfToTextPath = poppler ? "pdftotext" : MissingPdfToText });

    public static TheoryData<bool> WithAndWithoutPoppler => new() { true, false };

    public static TheoryData<string> ExpectedTexts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.PathOf("tests/QaIngest.Tests/Extract/Expected"), "*.txt").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedTexts))]
    public async Task ExtractFileAsync_CommittedPdf_GivesThePopplerPathsText(string name)
    {
        var pdf = name.StartsWith("vrg_", StringComparison.Ordinal) ? $"corpus/real/{name}.pdf" : $"corpus/fixtures/pdf/{name}.pdf";
        var expected = await File.ReadAllTextAsync(RepositoryFiles.PathOf($"tests/QaIngest.Tests/Extract/Expected/{name}.txt"));

        var result = await Extractor(poppler: false).ExtractFileAsync(RepositoryFiles.PathOf(pdf));

        Assert.True(result.Success, result.Error);
        Assert.Equal(PdfTextExtractor.PdfPigEngine, result.Value.Engine);
        Assert.Equal(expected, result.Value.Text);
    }

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

    [Theory]
    [MemberData(nameof(WithAndWithoutPoppler))]
    public async Task ExtractAsync_EncryptedPdf_FailsWithEncryptedReason(bool poppler)
    {
        var result = await Extractor(poppler).ExtractAsync(MinimalPdf.Encrypted());

        Assert.Equal(ExtractionFailure.EncryptedPdf, result.Failure);
        Assert.Equal("encrypted PDF: it needs a password to open", result.Error);
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutPoppler))]
    public async Task ExtractAsync_EncryptedWithEmptyUserPassword_Opens(bool poppler)
    {
        var result = await Extractor(poppler).ExtractAsync(MinimalPdf.EncryptedWithEmptyUserPassword(3));

        Assert.True(result.Success, result.Error);
        Assert.Equal(PdfTextExtractor.PdfPigEngine, result.Value.Engine);
        Assert.Contains("Regel 3 van pagina 1.", result.Value.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutPoppler))]
    public async Task ExtractAsync_FirstHalfOfRealPdf_FailsAsTruncatedOnOneLine(bool poppler)
    {
        var bytes = await File.ReadAllBytesAsync(RepositoryFiles.PathOf(RealPdf));

        var result = await Extractor(poppler).ExtractAsync(bytes[..(bytes.Length / 2)]);

        Assert.Equal(ExtractionFailure.CorruptPdf, result.Failure);
        Assert.StartsWith("corrupt or truncated PDF", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error!);
        Assert.True(result.Error!.Length < 600, result.Error);
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutPoppler))]
    public async Task ExtractAsync_GarbageAfterPdfHeader_FailsAsCorruptOnOneLine(bool poppler)
    {
        var garbage = new byte[4000];
        new Random(235).NextBytes(garbage);
        "%PDF-1.7\n"u8.CopyTo(garbage);

        var result = await Extractor(poppler).ExtractAsync(garbage);

        Assert.Equal(ExtractionFailure.CorruptPdf, result.Failure);
        Assert.DoesNotContain('\n', result.Error!);
        Assert.True(result.Error!.Length < 600, result.Error);
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutPoppler))]
    public async Task ExtractAsync_HeaderOnly_FailsAsCorrupt(bool poppler)
    {
        var result = await Extractor(poppler).ExtractAsync("%PDF-1.4\n%%EOF\n"u8.ToArray());

        Assert.Equal(ExtractionFailure.CorruptPdf, result.Failure);
        Assert.StartsWith("corrupt", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutPoppler))]
    public async Task ExtractAsync_ImageOnlyPdf_FailsWithNoTextLayer(bool poppler)
    {
        var result = await Extractor(poppler).ExtractAsync(MinimalPdf.ImageOnly());

        Assert.Equal(ExtractionFailure.NoTextLayer, result.Failure);
        Assert.StartsWith("no text layer; scanned?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PdfPigFailsAndPopplerIsInstalled_ReadsWithPoppler()
    {
        var pdf = MinimalPdf.DeeplyNested(50_000);

        var result = await Extractor(poppler: true).ExtractAsync(pdf);

        Assert.True(result.Success, result.Error);
        Assert.Equal(PdfTextExtractor.PopplerEngine, result.Value.Engine);
        Assert.Contains("Regel 5 van pagina 1.", result.Value.Text, StringComparison.Ordinal);
        Assert.StartsWith("PdfPig could not read it (corrupt or truncated PDF: ", result.Value.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PdfPigFindsNoLettersWhereTextIsShown_ReadsWithPoppler()
    {
        var result = await Extractor(poppler: true).ExtractAsync(MinimalPdf.UndecodableFont());

        Assert.True(result.Success, result.Error);
        Assert.Equal(PdfTextExtractor.PopplerEngine, result.Value.Engine);
        Assert.Contains("pagina", result.Value.Text, StringComparison.Ordinal);
        Assert.Equal("PdfPig could not read it (1 page(s) show text in a font PdfPig cannot decode); read with poppler", result.Value.Warnings[0]);
    }

    [Fact]
    public async Task ExtractAsync_PdfPigFindsNoLettersWithoutPoppler_FailsWithPdfPigsReason()
    {
        var result = await Extractor(poppler: false).ExtractAsync(MinimalPdf.UndecodableFont());

        Assert.Equal(ExtractionFailure.NoTextLayer, result.Failure);
        Assert.Equal("no readable text: 1 page(s) show text in a font PdfPig cannot decode", result.Error);
    }

    [Fact]
    public async Task ExtractAsync_PdfPigFailsWithoutPoppler_FailsWithPdfPigsReason()
    {
        var result = await Extractor(poppler: false).ExtractAsync(MinimalPdf.DeeplyNested(50_000));

        Assert.Equal(ExtractionFailure.CorruptPdf, result.Failure);
        Assert.StartsWith("corrupt or truncated PDF: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("poppler", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_TwoHundredPages_ExtractsEveryPageWithinTheTimeout()
    {
        var extractor = new PdfTextExtractor(new PdfTextExtractorOptions { Timeout = TimeSpan.FromSeconds(20) });
        var stopwatch = Stopwatch.StartNew();

        var result = await extractor.ExtractAsync(MinimalPdf.WithText(200, 40));

        Assert.True(result.Success, result.Error);
        output.WriteLine($"200 pages in {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(200, result.Value.PageCount);
        Assert.Equal(199, result.Value.Text.Split('\n').Count(l => l == "\f"));
        Assert.Contains("Regel 40 van pagina 200.", result.Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PopplerExtractFileAsync_PdfToTextMissing_SaysWhatToInstall()
    {
        var poppler = new PopplerTextReader(MissingPdfToText, TimeSpan.FromSeconds(20));

        var result = await poppler.ExtractFileAsync(RepositoryFiles.PathOf(RealPdf));

        Assert.Equal(ExtractionFailure.ToolMissing, result.Failure);
        Assert.Equal("pdftotext not found: install poppler-utils (apt-get install poppler-utils)", result.Error);
    }

    [Fact]
    public async Task PopplerExtractFileAsync_PdfToTextHangs_KillsTheProcessTreeAtTheTimeout()
    {
        using var stub = StubTool.Create("""
            #!/bin/sh
            sleep 60 &
            echo $! > "$(dirname "$0")/child.pid"
            wait
            """);
        var poppler = new PopplerTextReader(stub.Path, TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        var result = await poppler.ExtractFileAsync(RepositoryFiles.PathOf(RealPdf));

        stopwatch.Stop();
        Assert.Equal(ExtractionFailure.TimedOut, result.Failure);
        Assert.StartsWith("PDF extraction timed out", result.Error, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        var sleeper = int.Parse(File.ReadAllText(stub.PathOf("child.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(StubTool.IsRunning(sleeper), $"the stub's child {sleeper} outlived the time-out");
    }

    [Fact]
    public async Task PopplerExtractFileAsync_ToolFloodsBothPipes_DoesNotDeadlock()
    {
        // 2 MB on each pipe is far beyond the 64 KB a pipe buffers: a reader that waits for exit first would hang.
        using var stub = StubTool.Create("""
            #!/bin/sh
            head -c 2000000 /dev/zero | tr '\0' 'x' >&2
            head -c 2000000 /dev/zero | tr '\0' 'y'
            exit 1
            """);
        var poppler = new PopplerTextReader(stub.Path, TimeSpan.FromSeconds(15));

        var result = await poppler.ExtractFileAsync(RepositoryFiles.PathOf(RealPdf));

        Assert.Equal(ExtractionFailure.CorruptPdf, result.Failure);
    }
}
