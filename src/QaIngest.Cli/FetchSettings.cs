using System.CommandLine;
using System.Globalization;
using QaIngest.Fetch;

namespace QaIngest.Cli;

/// <summary>The options <c>fetch</c> and <c>discover</c> share: where the site is and how politely to ask it.</summary>
public sealed class FetchSettings
{
    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "Base URL of the site for links, files and the API (default: the real hosts); e.g. the stand-in's http://127.0.0.1:PORT/." };

    public Option<double> RequestsPerSecond { get; } = new("--requests-per-second") { Description = "Politeness: requests per second per host.", DefaultValueFactory = _ => 2 };

    public Option<int> MaxInFlight { get; } = new("--max-in-flight") { Description = "Politeness: responses in flight per host.", DefaultValueFactory = _ => 4 };

    public Option<bool> NoPoliteness { get; } = new("--no-politeness") { Description = "Turn politeness off (only with a loopback --base-url, for benchmarks)." };

    public Option<double> AttemptTimeout { get; } = new("--attempt-timeout") { Description = "Seconds one HTTP attempt may take, body included.", DefaultValueFactory = _ => 30 };

    public Option<int> MaxRetries { get; } = new("--max-retries") { Description = "Retries of a request that failed transiently (time-out, reset, 408/429/5xx), 0..100, with back-off.", DefaultValueFactory = _ => new FetchOptions().MaxRetryAttempts };

    public IEnumerable<Option> All => [BaseUrl, RequestsPerSecond, MaxInFlight, NoPoliteness, AttemptTimeout, MaxRetries];

    /// <summary>The fetch options, or null with a one-line reason.</summary>
    public FetchOptions? Build(ParseResult result, out string? error)
    {
        error = null;
        var options = new FetchOptions
        {
            RequestsPerSecond = result.GetValue(RequestsPerSecond),
            MaxInFlightPerHost = result.GetValue(MaxInFlight),
            PolitenessEnabled = !result.GetValue(NoPoliteness),
            AttemptTimeout = TimeSpan.FromSeconds(result.GetValue(AttemptTimeout)),
            MaxRetryAttempts = result.GetValue(MaxRetries),
        };

        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            error = $"--max-retries: {options.MaxRetryAttempts} is not 0..100";
            return null;
        }

        if (result.GetValue(BaseUrl) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                error = $"--base-url: not an http(s) URL: {text}";
                return null;
            }

            options = options.WithBaseUrl(url);
        }

        if (!options.PolitenessEnabled && !options.SiteBaseUrl.IsLoopback)
        {
            error = "--no-politeness is only for a loopback --base-url (the stand-in), never the real site";
            return null;
        }

        if (options.AttemptTimeout.TotalSeconds > options.TotalTimeout.TotalSeconds)
        {
            options = options with { TotalTimeout = options.AttemptTimeout * 4 };
        }

        try
        {
            return options.Validate();
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    public static string Describe(FetchOptions options) =>
        options.PolitenessEnabled
            ? string.Create(CultureInfo.InvariantCulture, $"{options.RequestsPerSecond} requests/s and {options.MaxInFlightPerHost} in flight per host")
            : "politeness off";
}
