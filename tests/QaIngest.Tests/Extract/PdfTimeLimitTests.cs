using System.Diagnostics;
using QaIngest.Extract;

namespace QaIngest.Tests.Extract;

/// <summary>
/// The watchdog around PdfPig, which cannot be cancelled: a reading held up by an injected slow
/// step before its first page fails the document at the time limit, and too many such readings
/// still running stop the extractor with a reason.
/// </summary>
public sealed class PdfTimeLimitTests
{
    [Fact]
    public async Task ExtractAsync_StuckReading_FailsAtTheTimeLimitAndTheNextDocumentIsRead()
    {
        using var gate = new ManualResetEventSlim(false);
        var stuckOnce = 0;
        var extractor = new PdfTextExtractor(new PdfTextExtractorOptions
        {
            PdfToTextPath = null,
            Timeout = TimeSpan.FromSeconds(2),
            BeforePage = _ =>
            {
                if (Interlocked.Exchange(ref stuckOnce, 1) == 0)
                {
                    gate.Wait(TimeSpan.FromSeconds(60));
                }
            },
        });
        var pdf = MinimalPdf.WithText(1, 3);
        var stopwatch = Stopwatch.StartNew();

        var stuck = await extractor.ExtractAsync(pdf);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Equal(ExtractionFailure.TimedOut, stuck.Failure);
        Assert.StartsWith("PDF extraction timed out", stuck.Error, StringComparison.Ordinal);
        Assert.Equal(1, extractor.Abandoned);

        // The run goes on: the next document is read while the first is still stuck.
        var next = await extractor.ExtractAsync(pdf);
        Assert.True(next.Success, next.Error);
        Assert.Contains("Regel 3 van pagina 1.", next.Value.Text, StringComparison.Ordinal);

        // When the stuck reading ends by itself, it is no longer counted.
        gate.Set();
        await WaitUntil(() => extractor.Abandoned == 0);
    }

    [Fact]
    public async Task ExtractAsync_SeveralStuckReadings_StopsWithAReason()
    {
        using var gate = new ManualResetEventSlim(false);
        var extractor = new PdfTextExtractor(new PdfTextExtractorOptions
        {
            PdfToTextPath = null,
            Timeout = TimeSpan.FromMilliseconds(200),
            MaxAbandoned = 2,
            BeforePage = _ => gate.Wait(TimeSpan.FromSeconds(60)),
        });
        var pdf = MinimalPdf.WithText(1, 3);
        try
        {
            Assert.Equal(ExtractionFailure.TimedOut, (await extractor.ExtractAsync(pdf)).Failure);
            Assert.Equal(ExtractionFailure.TimedOut, (await extractor.ExtractAsync(pdf)).Failure);

            var stop = await Assert.ThrowsAsync<ExtractionStuckException>(() => extractor.ExtractAsync(pdf));

            Assert.StartsWith("stopped: 2 PDF extractions are still running past the 0.2 s time limit", stop.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', stop.Message);
        }
        finally
        {
            gate.Set();
        }

        await WaitUntil(() => extractor.Abandoned == 0);
        Assert.True((await extractor.ExtractAsync(pdf)).Success);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "the abandoned reading was never released");
            await Task.Delay(20);
        }
    }
}
