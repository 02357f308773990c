using System.Collections.Concurrent;

namespace QaIngest.SiteStandIn;

/// <summary>
/// Decides which requests fail transiently: a hash of (seed, URL, how many times that URL was asked)
/// against the fault rate, so runs with the same seed see the same faults per URL whatever the
/// arrival order; never more than <see cref="StandInOptions.MaxConsecutiveFaults"/> in a row per URL.
/// </summary>
internal sealed class FaultPlan(StandInOptions options)
{
    private static readonly TransientFault[] Kinds =
    [
        TransientFault.ServiceUnavailable,
        TransientFault.TooManyRequests,
        TransientFault.ConnectionReset,
        TransientFault.Slow,
        TransientFault.TruncatedBody,
    ];

    private readonly ConcurrentDictionary<string, UrlState> urls = new(StringComparer.Ordinal);

    public TransientFault Next(string url)
    {
        if (options.FaultRate <= 0)
        {
            return TransientFault.None;
        }

        var state = urls.GetOrAdd(url, _ => new UrlState());
        lock (state)
        {
            var n = state.Requests++;
            var hash = Mix(Mix((ulong)options.Seed) ^ Fnv(url) ^ Mix((ulong)n + 0x9E3779B97F4A7C15UL));
            var roll = (hash >> 11) * (1.0 / (1UL << 53));
            if (roll >= options.FaultRate || state.Consecutive >= options.MaxConsecutiveFaults)
            {
                state.Consecutive = 0;
                return TransientFault.None;
            }

            state.Consecutive++;
            return Kinds[(int)(Mix(hash) % (ulong)Kinds.Length)];
        }
    }

    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    // SplitMix64's finaliser: spreads every input bit over the output.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed class UrlState
    {
        public int Requests;
        public int Consecutive;
    }
}
