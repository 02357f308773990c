using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace QaIngest.Fetch;

/// <summary>
/// All resilience of fetching, composed top-down with Polly v8: per host a pipeline of retry
/// (exponential back-off with jitter, honouring <c>Retry-After</c> as seconds or an HTTP date) over a
/// circuit breaker, around each attempt (politeness admission, then the per-attempt time-out of
/// <see cref="Attempt"/>); and a total time-out per document. Built once from
/// validated <see cref="FetchOptions"/>; time comes from the injected <see cref="TimeProvider"/>.
/// Thread-safe.
/// </summary>
public sealed class FetchResilience : IDisposable
{
    private readonly FetchOptions options;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, Lazy<HostPipeline>> hosts = new(StringComparer.OrdinalIgnoreCase);

    public FetchResilience(FetchOptions options, TimeProvider time)
    {
        this.options = options.Validate();
        this.time = time;
        Document = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.TotalTimeout)
            .Build();
        Attempt = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>
    /// The time-out of one attempt, body included. It runs inside <see cref="ForHost"/> once the
    /// request has been admitted by politeness, so waiting for our own rate limit never counts as
    /// a slow server.
    /// </summary>
    public ResiliencePipeline Attempt { get; }

    /// <summary>The total time-out around everything done for one document.</summary>
    public ResiliencePipeline Document { get; }

    /// <summary>The pipeline for requests to <paramref name="host"/> (host[:port]); one circuit per host.</summary>
    public ResiliencePipeline<HttpExchange> ForHost(string host) =>
        hosts.GetOrAdd(host, h => new Lazy<HostPipeline>(() => Build(h))).Value.Pipeline;

    /// <summary>The circuit state of a host (closed when no request went there yet).</summary>
    public CircuitState CircuitOf(string host) =>
        hosts.TryGetValue(host, out var pipeline) ? pipeline.Value.Circuit.CircuitState : CircuitState.Closed;

    /// <summary>How long a <c>Retry-After</c> asks to wait, measured from now; null when absent.</summary>
    public static TimeSpan? RetryAfterDelay(RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Failures worth another attempt: network errors, cut bodies, time-outs, 408/429/5xx.</summary>
    public static bool IsTransient(Outcome<HttpExchange> outcome) => outcome.Exception switch
    {
        null => outcome.Result!.StatusCode is 408 or 429 or 500 or 502 or 503 or 504,
        HttpRequestException or IOException or TimeoutRejectedException => true,
        _ => false,
    };

    public void Dispose()
    {
        // Pipelines built with a builder hold no unmanaged resources; nothing to release.
    }

    private HostPipeline Build(string host)
    {
        var builder = new ResiliencePipelineBuilder<HttpExchange> { TimeProvider = time, Name = $"fetch {host}" };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpExchange>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) || args.Outcome.Exception is BrokenCircuitException),
                DelayGenerator = args => ValueTask.FromResult(ServerAskedDelay(args.Outcome)),
            });
        }

        var state = new CircuitBreakerStateProvider();
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpExchange>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            StateProvider = state,
        });

        return new HostPipeline(builder.Build(), state);
    }

    private sealed record HostPipeline(ResiliencePipeline<HttpExchange> Pipeline, CircuitBreakerStateProvider Circuit);

    // The server's word beats our back-off: Retry-After on 429/503, the breaker's remaining break.
    // Null lets the retry strategy compute its exponential back-off with jitter.
    private TimeSpan? ServerAskedDelay(Outcome<HttpExchange> outcome)
    {
        var asked = outcome.Exception is BrokenCircuitException broken
            ? broken.RetryAfter
            : RetryAfterDelay(outcome.Result?.RetryAfter, time.GetUtcNow());
        return asked is { } delay && delay > options.MaxRetryAfter ? options.MaxRetryAfter : asked;
    }
}
