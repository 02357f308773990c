namespace QaIngest.Web.Tests;

/// <summary>The readers' admission: cheapest waiting search first, the aging bound, timeouts and cancellation that keep no slot.</summary>
public sealed class AdmissionQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Release_SeveralWaiting_HandsSlotsCheapestFirst()
    {
        var queue = new AdmissionQueue(1, TimeSpan.FromSeconds(10), new ManualClock());
        Assert.True(await queue.EnterAsync(500, Long, CancellationToken.None));
        var costly = queue.EnterAsync(30, Long, CancellationToken.None);
        var cheap = queue.EnterAsync(10, Long, CancellationToken.None);
        var middle = queue.EnterAsync(20, Long, CancellationToken.None);
        var cheapToo = queue.EnterAsync(10, Long, CancellationToken.None);
        Assert.Equal(4, queue.Waiting);

        // Equal costs go in arrival order.
        Assert.Equal([cheap, cheapToo, middle, costly], await HandOutInTurn(queue, [costly, cheap, middle, cheapToo]));
    }

    [Fact]
    public async Task Release_OldestWaitedPastAging_GoesFirstWhateverItsCost()
    {
        var clock = new ManualClock();
        var queue = new AdmissionQueue(1, TimeSpan.FromMilliseconds(50), clock);
        Assert.True(await queue.EnterAsync(1, Long, CancellationToken.None));
        var expensive = queue.EnterAsync(1_000_000, Long, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(49));
        var cheap = queue.EnterAsync(1, Long, CancellationToken.None);
        var cheapToo = queue.EnterAsync(2, Long, CancellationToken.None);

        // 49 ms after its arrival the expensive one is still passed...
        queue.Release();
        Assert.True(await cheap.WaitAsync(Long));
        Assert.False(expensive.IsCompleted);

        // ...at 50 ms it is not, though a cheaper one waits.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        queue.Release();
        Assert.True(await expensive.WaitAsync(Long));
        Assert.False(cheapToo.IsCompleted);
        queue.Release();
        Assert.True(await cheapToo.WaitAsync(Long));
    }

    [Fact]
    public async Task EnterAsync_NoSlotInTime_FalseAndTheSlotIsNotLost()
    {
        var queue = new AdmissionQueue(1, TimeSpan.FromMilliseconds(50));
        Assert.True(await queue.EnterAsync(0, Long, CancellationToken.None));
        Assert.False(await queue.EnterAsync(0, TimeSpan.FromMilliseconds(30), CancellationToken.None));
        Assert.Equal(0, queue.Waiting);

        // The slot goes back to the free ones, not to the search that left.
        queue.Release();
        Assert.Equal(1, queue.Free);
        Assert.True(await queue.EnterAsync(0, TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task EnterAsync_Cancelled_ThrowsAndTheSlotGoesToTheNext()
    {
        var queue = new AdmissionQueue(1, TimeSpan.FromSeconds(10), new ManualClock());
        Assert.True(await queue.EnterAsync(0, Long, CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.EnterAsync(1, Long, cancel.Token);
        var next = queue.EnterAsync(2, Long, CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        queue.Release();
        Assert.True(await next.WaitAsync(Long));
        queue.Release();
        Assert.Equal(1, queue.Free);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task ManyCallers_SomeTimingOutOrCancelled_NeverMoreHoldersThanSlotsAndAllSlotsBack()
    {
        const int slots = 3;
        var queue = new AdmissionQueue(slots, TimeSpan.FromMilliseconds(5));
        var holders = 0;
        var most = 0;
        var entered = 0;
        var random = new Random(7);
        var plans = Enumerable.Range(0, 400).Select(i => (Cost: (long)random.Next(100), Kind: i % 5, Work: random.Next(3))).ToList();
        await Task.WhenAll(plans.Select(p => Task.Run(async () =>
        {
            using var cancel = new CancellationTokenSource(p.Kind == 4 ? TimeSpan.FromMilliseconds(2) : Long);
            var timeout = p.Kind == 3 ? TimeSpan.FromMilliseconds(1) : Long;
            try
            {
                if (!await queue.EnterAsync(p.Cost, timeout, cancel.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = Interlocked.Increment(ref holders);
            InterlockedMax(ref most, now);
            Interlocked.Increment(ref entered);
            await Task.Delay(p.Work);
            Interlocked.Decrement(ref holders);
            queue.Release();
        })));

        Assert.InRange(most, 1, slots);
        Assert.True(entered >= 240, $"only {entered} of 400 entered (the 240 without a short timeout or cancellation must)");
        Assert.Equal(slots, queue.Free);
        Assert.Equal(0, queue.Waiting);
    }

    /// <summary>Releases one slot at a time and records which of <paramref name="tasks"/> got it.</summary>
    private static async Task<List<Task<bool>>> HandOutInTurn(AdmissionQueue queue, List<Task<bool>> tasks)
    {
        var order = new List<Task<bool>>();
        while (order.Count < tasks.Count)
        {
            queue.Release();
            var done = await Task.WhenAny(tasks.Except(order)).WaitAsync(Long);
            Assert.True(await done);

            // Exactly one was handed the slot.
            await Task.Delay(20);
            Assert.Equal(order.Count + 1, tasks.Count(t => t.IsCompleted));
            order.Add(done);
        }

        return order;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>A clock that moves only when told (timers still run on the system's clock).</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
    }
}
