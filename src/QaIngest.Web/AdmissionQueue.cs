using System.Diagnostics;

namespace QaIngest.Web;

/// <summary>
/// The slots of the readers, handed to waiting searches cheapest first: a slot that comes free goes
/// to the waiting search with the lowest expected cost, unless the longest-waiting search has waited
/// <see cref="Aging"/> or more, which then goes first whatever its cost. Under load most searches
/// cost a few ms and a fifth cost tens of ms; first come first served makes every cheap search wait
/// behind the expensive ones ahead of it, this lets it pass them, and aging bounds how long an
/// expensive one can be passed (none starves). Thread-safe.
/// </summary>
public sealed class AdmissionQueue
{
    private readonly Lock gate = new();

    // In arrival order. A few tens at most (one per waiting request, bounded by the clients), so a
    // scan per hand-over costs less than keeping a heap that must also drop cancelled entries.
    private readonly List<Waiter> waiting = [];
    private readonly TimeProvider time;
    private int free;

    /// <param name="slots">How many holders at once.</param>
    /// <param name="aging">How long a waiting search may be passed by cheaper ones, counted from its arrival.</param>
    /// <param name="time">The clock that aging is measured on.</param>
    public AdmissionQueue(int slots, TimeSpan aging, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(aging, TimeSpan.Zero);
        free = slots;
        Aging = aging;
        this.time = time ?? TimeProvider.System;
    }

    public TimeSpan Aging { get; }

    /// <summary>Slots free right now (for tests and diagnostics).</summary>
    public int Free
    {
        get
        {
            lock (gate)
            {
                return free;
            }
        }
    }

    /// <summary>Searches waiting right now.</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>
    /// Waits for a slot; true once it is held (give it back with <see cref="Release"/>), false when
    /// <paramref name="timeout"/> passed first. Cancelling throws <see cref="OperationCanceledException"/>
    /// and holds no slot.
    /// </summary>
    /// <param name="cost">The expected cost (any unit, the same for all callers); lower goes first.</param>
    public async Task<bool> EnterAsync(long cost, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (gate)
        {
            if (free > 0 && waiting.Count == 0)
            {
                free--;
                return true;
            }

            waiter = new Waiter(cost, time.GetTimestamp());
            waiting.Add(waiter);
        }

        // Whichever comes first, the hand-over or the timeout or the cancellation, decides under the
        // gate: a waiter is removed from the list exactly once, so no slot is handed to one that left.
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        await using (linked.Token.Register(() => Leave(waiter)).ConfigureAwait(false))
        {
            if (await waiter.Handed.Task.ConfigureAwait(false))
            {
                return true;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }

    /// <summary>Gives a slot back: to the next waiting search (see the type), or to the free ones.</summary>
    public void Release()
    {
        lock (gate)
        {
            if (waiting.Count == 0)
            {
                free++;
                return;
            }

            var next = Next(time.GetTimestamp());
            waiting.RemoveAt(next.Index);
            next.Waiter.Handed.SetResult(true);
        }
    }

    private (int Index, Waiter Waiter) Next(long now)
    {
        var oldest = waiting[0];
        if (time.GetElapsedTime(oldest.Arrived, now) >= Aging)
        {
            return (0, oldest);
        }

        // Cheapest; among equal costs the earliest.
        var best = 0;
        for (var i = 1; i < waiting.Count; i++)
        {
            if (waiting[i].Cost < waiting[best].Cost)
            {
                best = i;
            }
        }

        return (best, waiting[best]);
    }

    private void Leave(Waiter waiter)
    {
        lock (gate)
        {
            if (waiting.Remove(waiter))
            {
                waiter.Handed.SetResult(false);
            }
        }
    }

    [DebuggerDisplay("{Cost} at {Arrived}")]
    private sealed class Waiter(long cost, long arrived)
    {
        public long Cost => cost;

        public long Arrived => arrived;

        // Continuations run on the pool, not inside the gate of the releasing thread.
        public TaskCompletionSource<bool> Handed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
