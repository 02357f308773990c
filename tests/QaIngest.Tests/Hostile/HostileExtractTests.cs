using System.Text;
using QaIngest.Extract;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// Hostile documents through the extractor, each generated here: every one ends in a typed failure
/// with its one-line reason, or in the right text, within its time limit and well under 1 GB.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileExtractTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ExtractAsync_FortyThousandNestedDivs_FailsAsTooDeep()
    {
        var html = Encoding.UTF8.GetBytes(HostileInputs.NestedDivs(40_000));
        var budget = new Budget();

        var result = await new TextExtractor().ExtractAsync(html);

        budget.AssertWithin(Quick);
        Assert.Equal(ExtractionFailure.TooDeep, result.Failure);
        Assert.Equal("nesting deeper than 500 elements", result.Error);
    }

    [Fact]
    public async Task ExtractAsync_HundredThousandUnclosedBoldItalic_FailsAsTooDeepInsteadOfRunningForMinutes()
    {
        var html = Encoding.UTF8.GetBytes(HostileInputs.UnclosedBoldItalic(100_000));
        var budget = new Budget();

        var result = await new TextExtractor().ExtractAsync(html);

        budget.AssertWithin(Quick);
        Assert.Equal(ExtractionFailure.TooDeep, result.Failure);
        Assert.Equal("nesting deeper than 500 elements", result.Error);
    }

    [Fact]
    public async Task ExtractAsync_DeepButAllowedNesting_ReadsTheText()
    {
        var html = Encoding.UTF8.GetBytes(HostileInputs.NestedDivs(5_000, "diep"));
        var extractor = new TextExtractor(ExtractionLimits.Default with { MaxNestingDepth = 10_000 });
        var budget = new Budget();

        var result = await extractor.ExtractAsync(html);

        budget.AssertWithin(TimeSpan.FromSeconds(30));
        Assert.True(result.Success, result.Error);
        Assert.Equal("diep\n", result.Value.Text);
    }

    [Fact]
    public async Task ExtractAsync_HtmlSlowerThanTheTimeLimit_TimesOutAndTheNextDocumentIsRead()
    {
        // Without the depth limit HtmlAgilityPack's parser takes seconds on this (the square of the
        // depth); the watchdog fails it at the time limit and leaves the parser to end on its own.
        var extractor = new TextExtractor(ExtractionLimits.Default with { MaxNestingDepth = 1_000_000, Timeout = TimeSpan.FromMilliseconds(300) });
        var slow = Encoding.UTF8.GetBytes(HostileInputs.UnclosedBoldItalic(8_000));
        var budget = new Budget();

        var result = await extractor.ExtractAsync(slow);

        budget.AssertWithin(TimeSpan.FromSeconds(5));
        Assert.Equal(ExtractionFailure.TimedOut, result.Failure);
        Assert.Equal("HTML extraction timed out: it did not finish within 0.3 s", result.Error);

        var next = await extractor.ExtractAsync(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><p>volgende</p></body></html>"));
        Assert.True(next.Success, next.Error);
        Assert.Equal("volgende\n", next.Value.Text);

        await Budget.WaitUntil(() => extractor.Abandoned == 0);
    }

    [Fact]
    public async Task ExtractAsync_StuckPdfAndStuckHtml_ShareOneWatchdogThatStopsTheRun()
    {
        using var gate = new ManualResetEventSlim(false);
        var extractor = new TextExtractor(
            ExtractionLimits.Default with { MaxNestingDepth = 1_000_000, Timeout = TimeSpan.FromMilliseconds(300), MaxAbandoned = 2 },
            new PdfTextExtractorOptions { PdfToTextPath = null, BeforePage = _ => gate.Wait(TimeSpan.FromSeconds(60)) });
        var pdf = QaIngest.Tests.Extract.MinimalPdf.WithText(1, 3);
        var html = Encoding.UTF8.GetBytes(HostileInputs.UnclosedBoldItalic(8_000));
        try
        {
            Assert.Equal(ExtractionFailure.TimedOut, (await extractor.ExtractAsync(pdf)).Failure);
            Assert.Equal(ExtractionFailure.TimedOut, (await extractor.ExtractAsync(html)).Failure);

            var stop = await Assert.ThrowsAsync<ExtractionStuckException>(() => extractor.ExtractAsync(Encoding.UTF8.GetBytes("Een gewone tekst.\n")));

            Assert.StartsWith("stopped: 2 HTML and PDF extractions are still running past the 0.3 s time limit", stop.Message, StringComparison.Ordinal);
        }
        finally
        {
            gate.Set();
        }

        await Budget.WaitUntil(() => extractor.Abandoned == 0);
        Assert.True((await extractor.ExtractAsync(Encoding.UTF8.GetBytes("Een gewone tekst.\n"))).Success);
    }

    [Fact]
    public async Task ExtractAsync_HtmlWithMoreTagsThanTheLimit_FailsAsTooLargeBeforeParsing()
    {
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>" + new StringBuilder().Insert(0, "<b>x</b>", 150_000) + "</body></html>");
        var budget = new Budget();

        var result = await new TextExtractor().ExtractAsync(html);

        budget.AssertWithin(Quick, 200_000_000);
        Assert.Equal(ExtractionFailure.TooLarge, result.Failure);
        Assert.Equal("document larger than 250,000 tags (300,005)", result.Error);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithFortyThousandNestedContentControls_FailsAsTooDeep()
    {
        var docx = HostileInputs.NestedContentControls(40_000);
        var budget = new Budget();

        var result = await new TextExtractor().ExtractAsync(docx);

        budget.AssertWithin(Quick);
        Assert.Equal(ExtractionFailure.TooDeep, result.Failure);
        Assert.Equal("nesting deeper than 500 elements (in word/document.xml)", result.Error);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithNestedContentControlsWithinTheLimit_ReadsTheText()
    {
        var docx = HostileInputs.NestedContentControls(200, "genest");

        var result = await new TextExtractor().ExtractAsync(docx);

        Assert.True(result.Success, result.Error);
        Assert.Equal("genest\n", result.Value.Text);
    }

    [Fact]
    public async Task ExtractAsync_DocxZipBombOfTinyParagraphs_FailsAsTooLargeWhenDecompressed()
    {
        // 1.6 million one-letter paragraphs: 54 MB of XML in a package of a few hundred KB.
        var docx = HostileInputs.TinyParagraphs(1_600_000);
        Assert.True(docx.Length < 2_000_000, $"the bomb is {docx.Length:N0} bytes");
        var budget = new Budget();

        var result = await new TextExtractor().ExtractAsync(docx);

        budget.AssertWithin(Quick, 200_000_000);
        Assert.Equal(ExtractionFailure.TooLarge, result.Failure);
        Assert.Equal("document larger than 48 MB when decompressed", result.Error);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithMoreElementsThanTheLimit_FailsAsTooLargeBeforeOpenXmlReadsIt()
    {
        // 400,000 tiny paragraphs, 1.2 million elements in 14 MB: within the byte limit, past the element limit.
        var docx = HostileInputs.TinyParagraphs(400_000);
        var budget = new Budget();

        var result = await new TextExtractor().ExtractAsync(docx);

        budget.AssertWithin(Quick, 200_000_000);
        Assert.Equal(ExtractionFailure.TooLarge, result.Failure);
        Assert.Equal("document larger than 1,000,000 XML elements", result.Error);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithManyParagraphsWithinTheLimits_ReadsThemAll()
    {
        // 200,000 paragraphs (600,000 elements) pass the limits, and cost time in proportion to their
        // number (indexing OpenXml's child list from the end once made this take minutes).
        var docx = HostileInputs.TinyParagraphs(200_000);
        var budget = new Budget();

        var result = await new TextExtractor().ExtractAsync(docx);

        budget.AssertWithin(TimeSpan.FromSeconds(20));
        Assert.True(result.Success, result.Error);
        Assert.Equal(200_000, result.Value.Text.Split("\n\n").Length);
    }

    [Fact]
    public async Task ExtractAsync_TextRunLongerThanTheLimit_FailsAsTooLong()
    {
        var text = new byte[4_000_001];
        Array.Fill(text, (byte)'a');
        var budget = new Budget();

        var result = await new TextExtractor().ExtractAsync(text);

        budget.AssertWithin(Quick);
        Assert.Equal(ExtractionFailure.TooLong, result.Failure);
        Assert.Equal("text longer than 4,000,000 characters", result.Error);
    }

    [Fact]
    public async Task ExtractFileAsync_OneGigabyteFile_FailsAsTooLargeWithoutReadingIt()
    {
        var folder = Directory.CreateTempSubdirectory("qaingest-hostile-").FullName;
        try
        {
            var path = HostileInputs.Sparse(folder, "run.txt", 1L << 30);
            var budget = new Budget();

            var result = await new TextExtractor().ExtractFileAsync(path);

            budget.AssertWithin(Quick, 50_000_000);
            Assert.Equal(ExtractionFailure.TooLarge, result.Failure);
            Assert.Equal("document larger than 64 MB", result.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ExtractFileAsync_DevZero_FailsAsTooLargeAfterReadingOnlyTheLimit()
    {
        var budget = new Budget();

        var result = await new TextExtractor().ExtractFileAsync("/dev/zero");

        budget.AssertWithin(Quick, 400_000_000);
        Assert.Equal(ExtractionFailure.TooLarge, result.Failure);
        Assert.Equal("document larger than 64 MB", result.Error);
    }
}
