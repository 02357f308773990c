using Microsoft.Extensions.DependencyInjection;

namespace QaIngest.Fetch;

/// <summary>
/// The front door for a fetch run: takes the data folder's lock, opens the raw store and the
/// manifest, and wires a <see cref="DocumentFetcher"/> and a <see cref="ParliamentSearchClient"/>
/// from <see cref="FetchServiceCollectionExtensions.AddQaIngestFetch"/>. Dispose to release all.
/// </summary>
public sealed class FetchSession : IDisposable
{
    private readonly ServiceProvider services;
    private readonly DataDirectory data;
    private readonly bool ownsData;

    private FetchSession(ServiceProvider services, DataDirectory data, bool ownsData, RawStore store, FetchManifest manifest, DocumentFetcher fetcher)
    {
        this.services = services;
        this.data = data;
        this.ownsData = ownsData;
        Store = store;
        Manifest = manifest;
        Fetcher = fetcher;
    }

    public RawStore Store { get; }

    public FetchManifest Manifest { get; }

    public DocumentFetcher Fetcher { get; }

    public ParliamentSearchClient Search => services.GetRequiredService<ParliamentSearchClient>();

    public string DataRoot => data.Root;

    /// <summary>Opens a session on <paramref name="dataDirectory"/>; throws <see cref="DataDirectoryLockedException"/> when another run holds it.</summary>
    public static FetchSession Open(string dataDirectory, FetchOptions options, TimeProvider? time = null, IAnnexLinkFinder? annexFinder = null)
    {
        options.Validate();
        var data = DataDirectory.Open(dataDirectory);
        try
        {
            return Open(data, ownsData: true, options, time, annexFinder);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>Opens a session on a data directory whose lock the caller holds (and keeps: disposing the session does not release it).</summary>
    public static FetchSession Open(DataDirectory data, FetchOptions options, TimeProvider? time = null, IAnnexLinkFinder? annexFinder = null) =>
        Open(data, ownsData: false, options.Validate(), time, annexFinder);

    private static FetchSession Open(DataDirectory data, bool ownsData, FetchOptions options, TimeProvider? time, IAnnexLinkFinder? annexFinder)
    {
        ServiceProvider? services = null;
        FetchManifest? manifest = null;
        try
        {
            services = new ServiceCollection().AddQaIngestFetch(options, time).BuildServiceProvider();
            var store = new RawStore(data.RawRoot);
            manifest = new FetchManifest(data.DatabasePath);
            var fetcher = new DocumentFetcher(
                services.GetRequiredService<HttpGateway>(),
                services.GetRequiredService<FetchResilience>(),
                options,
                store,
                manifest,
                annexFinder ?? new TextAnnexLinkFinder(),
                services.GetRequiredService<TimeProvider>());
            return new FetchSession(services, data, ownsData, store, manifest, fetcher);
        }
        catch
        {
            manifest?.Dispose();
            services?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Manifest.Dispose();
        services.Dispose();
        if (ownsData)
        {
            data.Dispose();
        }
    }
}
