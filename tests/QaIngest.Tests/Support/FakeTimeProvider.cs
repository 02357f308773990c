namespace QaIngest.Tests.Support;

/// <summary>
/// A clock that moves only when a test says so. Timers (Polly's delays and time-outs, the
/// politeness replenishment) fire inside <see cref="Advance"/>, in due order, so retry and
/// politeness tests never sleep.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<FakeTimer> timers = [];
    private readonly SemaphoreSlim changed = new(0);
    private DateTimeOffset now;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2024, 1, 11, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>A clock that starts at <paramref name="start"/>.</summary>
    public FakeTimeProvider(DateTimeOffset start) => now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate)
        {
            target = now + by;
        }

        while (true)
        {
            FakeTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    now = target;
                    return;
                }

                now = next.Due;
                if (next.Period > TimeSpan.Zero)
                {
                    next.Due = now + next.Period;
                }
                else
                {
                    timers.Remove(next);
                }
            }

            next.Callback(next.State);
        }
    }

    /// <summary>Waits (in real time, at most 10 s) until a timer due exactly <paramref name="dueIn"/> from now is scheduled.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueIn)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            lock (gate)
            {
                if (timers.Any(t => t.Due - now == dueIn))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no timer due in {dueIn} was scheduled");
            }

            await changed.WaitAsync(TimeSpan.FromMilliseconds(50));
        }
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            timers.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = now + dueTime;
                timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                timers.Add(timer);
            }
        }

        changed.Release();
    }

    private void Remove(FakeTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
