using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;

namespace QaIngest.Fetch;

/// <summary>Registers fetching: options, time, politeness, resilience and the named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>.</summary>
public static class FetchServiceCollectionExtensions
{
    public const string HttpClientName = "QaIngest.Fetch";

    /// <param name="primaryHandler">Replaces the socket handler (tests); null for the real network.</param>
    public static IServiceCollection AddQaIngestFetch(this IServiceCollection services, FetchOptions options, TimeProvider? time = null, Func<HttpMessageHandler>? primaryHandler = null)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<PolitenessPolicy>();
        services.AddSingleton<FetchResilience>();
        services.AddTransient<PolitenessHandler>();
        services.AddHttpClient(HttpClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan; // Polly owns time-outs.
            })
            .ConfigurePrimaryHttpMessageHandler(primaryHandler ?? (() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // every hop is checked by LinkResolver
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = options.AttemptTimeout,
            }))
            .AddHttpMessageHandler<PolitenessHandler>();
        services.AddSingleton(sp => new HttpGateway(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<FetchResilience>(),
            sp.GetRequiredService<PolitenessPolicy>(),
            sp.GetRequiredService<FetchOptions>()));
        services.AddSingleton<ParliamentSearchClient>();
        return services;
    }
}
