using System.Collections.Concurrent;
using System.Diagnostics;
using QaIngest.Index;

namespace QaIngest.Web;

/// <summary>
/// The readers of the data directory: one <see cref="SearchIndex"/> (one SQLite connection, one
/// searcher manager that sees each new commit) per concurrent search, reused. Opening is lazy, so
/// the server starts before the first pipeline run has written an index and serves it once it has.
/// Searches wait for a reader in an <see cref="AdmissionQueue"/>: the cheapest expected first, none
/// longer than its aging bound. Thread-safe.
/// </summary>
public sealed class IndexPool(string dataDirectory, int size, TimeSpan timeout, TimeSpan aging) : IDisposable
{
    private readonly ConcurrentBag<SearchIndex> idle = [];
    private readonly AdmissionQueue slots = new(size, aging);

    // Costs are estimated before a search waits, so on a reader of their own (one SQLite connection
    // is used by one thread at a time); an estimate is a parse and a few term look-ups, so one reader
    // behind a lock keeps up (the server's CPU per request did not change measurably, README `bench serve`).
    private readonly Lock estimating = new();
    private SearchIndex? estimator;
    private bool disposed;

    /// <summary>
    /// Runs <paramref name="work"/> on a reader within the time limit, after the searches waiting
    /// for one that <paramref name="cost"/> (an estimate such as <see cref="SearchIndex.Cost"/>) puts first.
    /// </summary>
    /// <exception cref="SlowQueryException">No reader came free, or the work did not finish, in time; the work goes on and its reader comes back when it ends.</exception>
    /// <exception cref="IndexUnavailableException">There is no index (yet).</exception>
    public async Task<T> UseAsync<T>(Func<SearchIndex, long> cost, Func<SearchIndex, T> work, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long expected;
        lock (estimating)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            estimator ??= SearchIndex.Open(dataDirectory, create: false);
            try
            {
                expected = cost(estimator);
            }
            catch
            {
                // As a reader whose work failed: not trusted again.
                estimator.Dispose();
                estimator = null;
                throw;
            }
        }

        var wait = timeout - clock.Elapsed;
        if (!await slots.EnterAsync(expected, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            throw new SlowQueryException(timeout);
        }

        SearchIndex index;
        try
        {
            index = idle.TryTake(out var reused) ? reused : SearchIndex.Open(dataDirectory, create: false);
        }
        catch
        {
            slots.Release();
            throw;
        }

        var task = Task.Run(() => work(index), CancellationToken.None);
        _ = task.ContinueWith(
            t =>
            {
                // A reader that failed is not trusted again.
                if (t.IsFaulted || disposed)
                {
                    index.Dispose();
                }
                else
                {
                    idle.Add(index);
                }

                slots.Release();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        var left = timeout - clock.Elapsed;
        try
        {
            return await task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new SlowQueryException(timeout);
        }
    }

    public void Dispose()
    {
        lock (estimating)
        {
            disposed = true;
            estimator?.Dispose();
        }

        while (idle.TryTake(out var index))
        {
            index.Dispose();
        }
    }
}
