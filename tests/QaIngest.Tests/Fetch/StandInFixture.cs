using QaIngest.Fetch;
using QaIngest.SiteStandIn;

namespace QaIngest.Tests.Fetch;

/// <summary>Starts stand-ins on loopback and fetch sessions on temporary data folders, and cleans up both.</summary>
internal sealed class StandInFixture : IAsyncDisposable
{
    private readonly List<string> folders = [];

    private StandInFixture(StandInSite site) => Site = site;

    public StandInSite Site { get; }

    public static async Task<StandInFixture> StartAsync(StandInOptions options) =>
        new(await StandInSite.StartAsync(options with
        {
            CorpusDirectory = options.CorpusDirectory ?? Repo.File_("corpus"),
            SeedsDirectory = options.SeedsDirectory ?? Repo.File_("seeds"),
        }));

    /// <summary>Options pointing at the stand-in, quick to give up and to retry (real time: the stand-in is a real server).</summary>
    public FetchOptions Options(double requestsPerSecond = 500) => new FetchOptions
    {
        RequestsPerSecond = requestsPerSecond,
        MaxInFlightPerHost = 8,
        MaxDocumentsInFlight = 16,
        AttemptTimeout = TimeSpan.FromSeconds(1),
        TotalTimeout = TimeSpan.FromSeconds(30),
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
    }.WithBaseUrl(Site.BaseUrl);

    public string NewDataFolder()
    {
        var folder = Directory.CreateTempSubdirectory("qaingest-fetch-").FullName;
        folders.Add(folder);
        return folder;
    }

    public static IReadOnlyList<string> RawFiles(string data) =>
        Directory.Exists(Path.Combine(data, "raw")) ? [.. Directory.EnumerateFiles(Path.Combine(data, "raw"), "*", SearchOption.AllDirectories)] : [];

    public static IEnumerable<FetchTarget> Links(params int[] ids) => ids.Select(id => FetchTarget.Link(LinkId.Create(id)));

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
