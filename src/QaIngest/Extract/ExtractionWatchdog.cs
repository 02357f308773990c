using System.Collections.Concurrent;

namespace QaIngest.Extract;

/// <summary>
/// Runs one document's extraction on a thread of its own under a time limit, for every format. Past
/// the limit the document fails, the work is asked to stop (its token is cancelled; the walks written
/// here poll it) and, since PdfPig, HtmlAgilityPack and OpenXml cannot be cancelled, the thread is
/// abandoned and counted until it ends by itself. Past <see cref="ExtractionLimits.MaxAbandoned"/>
/// such threads it throws <see cref="ExtractionStuckException"/> instead of starting more. One
/// instance is shared by all formats of a <see cref="TextExtractor"/>. Thread-safe.
/// </summary>
internal sealed class ExtractionWatchdog
{
    // Deeply nested input recurses in the libraries' parsers (PdfPig's objects, OpenXml's elements):
    // a large stack lets their own limits, or ours, answer before the stack runs out, which no catch
    // could survive. Only the pages touched are committed.
    private const int ThreadStackBytes = 64 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, int> _abandonedByKind = new(StringComparer.Ordinal);
    private int _abandoned;

    public ExtractionWatchdog(TimeSpan timeout, int maxAbandoned)
    {
        Timeout = timeout;
        MaxAbandoned = maxAbandoned;
    }

    public TimeSpan Timeout { get; }

    public int MaxAbandoned { get; }

    /// <summary>Readings that timed out and are still running on their abandoned threads.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    /// <summary>The limit as the reasons write it ("30 s").</summary>
    public string TimeoutText => $"{Timeout.TotalSeconds:0.#} s";

    /// <summary>
    /// Runs <paramref name="work"/> (<paramref name="kind"/> names the format in messages: "PDF",
    /// "HTML") and returns its result, or <paramref name="timedOut"/>'s past the time limit.
    /// </summary>
    public async Task<T> RunAsync<T>(string kind, Func<CancellationToken, T> work, Func<T> timedOut, CancellationToken cancellationToken)
    {
        var abandoned = Abandoned;
        if (abandoned >= MaxAbandoned)
        {
            var kinds = string.Join(" and ", _abandonedByKind.Where(k => k.Value > 0).Select(k => k.Key).Order(StringComparer.Ordinal));
            throw new ExtractionStuckException(
                $"stopped: {abandoned} {kinds} extractions are still running past the {TimeoutText} time limit and cannot be stopped; " +
                "the documents that timed out are listed, the next run retries them");
        }

        var expiry = new CancellationTokenSource();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    done.TrySetResult(work(expiry.Token));
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            },
            ThreadStackBytes)
        {
            IsBackground = true,
            Name = "qaingest-extract-" + kind,
        };
        thread.Start();

        try
        {
            var result = await done.Task.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            expiry.Dispose();
            return result;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Ask the work to stop, and count its thread until it ends by itself.
            expiry.Cancel();
            Interlocked.Increment(ref _abandoned);
            _abandonedByKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
            _ = done.Task.ContinueWith(
                t =>
                {
                    _ = t.Exception; // observed: the document has already failed
                    _abandonedByKind.AddOrUpdate(kind, 0, (_, n) => n - 1);
                    Interlocked.Decrement(ref _abandoned);
                    expiry.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            return timedOut();
        }
    }
}
