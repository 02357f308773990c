using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace QaIngest.Fetch;

/// <summary>
/// Per-host politeness state: at most <see cref="FetchOptions.RequestsPerSecond"/> requests a second,
/// at least 1/R seconds apart, and at most <see cref="FetchOptions.MaxInFlightPerHost"/> responses in flight.
/// Shared by every <see cref="PolitenessHandler"/> (the HTTP client factory recycles handlers; the
/// limits must survive that). Tokens are replenished by a timer from the injected
/// <see cref="TimeProvider"/>, so tests drive the rate with a fake clock. Thread-safe.
/// </summary>
public sealed class PolitenessPolicy : IDisposable
{
    private readonly FetchOptions options;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, Lazy<HostLimits>> hosts = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool disposed;

    public PolitenessPolicy(FetchOptions options, TimeProvider time)
    {
        this.options = options.Validate();
        this.time = time;
    }

    public bool Enabled => options.PolitenessEnabled;

    /// <summary>Waits for an in-flight slot, then for a rate token, for <paramref name="host"/>; dispose the lease when the response is read.</summary>
    public async ValueTask<IDisposable> AcquireAsync(string host, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!options.PolitenessEnabled)
        {
            return NoLease.Instance;
        }

        // Lazy: GetOrAdd may run its factory twice under contention; only one limiter (and timer) may exist per host.
        var limits = hosts.GetOrAdd(host, _ => new Lazy<HostLimits>(() => new HostLimits(options, time))).Value;
        var slot = await limits.InFlight.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        try
        {
            // The slot is taken first so that waiting for a slot does not hoard rate tokens.
            using var token = await limits.Rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!slot.IsAcquired || !token.IsAcquired)
            {
                throw new InvalidOperationException("politeness limiter refused a request; its queue is unbounded, so this is a bug");
            }

            limits.TokenTaken();

            return slot;
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var limits in hosts.Values.Where(l => l.IsValueCreated))
        {
            limits.Value.Dispose();
        }
    }

    private sealed class HostLimits : IDisposable
    {
        private readonly ITimer replenish;
        private readonly TimeSpan period;

        public HostLimits(FetchOptions options, TimeProvider time)
        {
            var period = TimeSpan.FromSeconds(1 / options.RequestsPerSecond);
            InFlight = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxInFlightPerHost,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });

            // One token at a time, the next one a period after it was taken: never a burst above the
            // rate. The period is kept by our timer on the injected clock; the limiter's own period only gates
            // TryReplenish on real elapsed time, so it is set to one tick to leave the timer in charge.
            Rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromTicks(1),
                AutoReplenishment = false,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            this.period = period;
            replenish = time.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), Rate, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>
        /// The next token comes one period after this one was taken, never sooner: a fixed-rate
        /// timer would hand out a token that sat unused right before the next tick (two requests
        /// a moment apart), and late timer callbacks on a busy machine would bunch up.
        /// </summary>
        public void TokenTaken() => replenish.Change(period, Timeout.InfiniteTimeSpan);

        public ConcurrencyLimiter InFlight { get; }

        public TokenBucketRateLimiter Rate { get; }

        public void Dispose()
        {
            replenish.Dispose();
            Rate.Dispose();
            InFlight.Dispose();
        }
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
