using System.Diagnostics;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// Measures one hostile case: wall time, and bytes the process allocated meanwhile (an upper bound of
/// the memory the case could have held, since its collection runs alone).
/// </summary>
internal sealed class Budget
{
    /// <summary>The campaign's memory bound for one document.</summary>
    public const long OneGigabyte = 1L << 30;

    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

    public TimeSpan Elapsed => _watch.Elapsed;

    public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;

    /// <summary>Asserts the case ended within <paramref name="limit"/> and allocated less than <paramref name="bytes"/>.</summary>
    public void AssertWithin(TimeSpan limit, long bytes = OneGigabyte)
    {
        var elapsed = Elapsed;
        var allocated = Allocated;
        Assert.True(elapsed < limit, $"took {elapsed.TotalSeconds:0.0} s; the limit is {limit.TotalSeconds:0.#} s");
        Assert.True(allocated < bytes, $"allocated {allocated / 1e6:0} MB; the limit is {bytes / 1e6:0} MB");
    }

    /// <summary>Waits until <paramref name="done"/> holds (an abandoned thread ending by itself), at most two minutes.</summary>
    public static async Task WaitUntil(Func<bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "an abandoned extraction did not end within two minutes");
            await Task.Delay(50);
        }
    }
}
