using QaIngest.Fetch;

namespace QaIngest.Pipeline;

/// <summary>How a pipeline's politeness and resilience overrides become <see cref="Fetch.FetchOptions"/>.</summary>
public static class PipelineFetchOptions
{
    /// <summary>The fetch options of a pipeline: the defaults, its base URL, then its overrides; validated.</summary>
    /// <exception cref="ArgumentException">The overrides do not make valid options.</exception>
    public static FetchOptions FetchOptions(this PipelineDefinition pipeline)
    {
        var options = new FetchOptions();
        if (pipeline.Source.BaseUrl is { } baseUrl)
        {
            options = options.WithBaseUrl(baseUrl);
        }

        var p = pipeline.Politeness;
        var r = pipeline.Resilience;
        options = options with
        {
            PolitenessEnabled = p.Enabled ?? options.PolitenessEnabled,
            RequestsPerSecond = p.RequestsPerSecond ?? options.RequestsPerSecond,
            MaxInFlightPerHost = p.MaxInFlightPerHost ?? options.MaxInFlightPerHost,
            MaxDocumentsInFlight = p.DocumentsInFlight ?? options.MaxDocumentsInFlight,
            AttemptTimeout = r.AttemptTimeout ?? options.AttemptTimeout,
            MaxRetryAttempts = r.MaxRetryAttempts ?? options.MaxRetryAttempts,
            RetryBaseDelay = r.RetryBaseDelay ?? options.RetryBaseDelay,
            MaxRetryAfter = r.MaxRetryAfter ?? options.MaxRetryAfter,
        };
        options = options with
        {
            TotalTimeout = r.TotalTimeout ?? (options.TotalTimeout < options.AttemptTimeout ? options.AttemptTimeout * 4 : options.TotalTimeout),
            MaxRetryDelay = options.MaxRetryDelay < options.RetryBaseDelay ? options.RetryBaseDelay : options.MaxRetryDelay,
        };
        return options.Validate();
    }
}
