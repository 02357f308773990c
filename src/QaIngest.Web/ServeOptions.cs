namespace QaIngest.Web;

/// <summary>What <c>qaingest serve</c> serves and how much it allows, with the defaults in one place.</summary>
public sealed record ServeOptions(string DataDirectory)
{
    /// <summary>The addresses Kestrel listens on; loopback only unless told otherwise.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    public QueryLimits Limits { get; init; } = QueryLimits.Default;

    /// <summary>How long a search may take, waiting for a reader included; a slower one is answered with 503 and a clear message.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many searches run at once (each on its own reader); more wait for one, cheapest first.
    /// One per core: a search is CPU work over a cached index, so more readers only share the cores
    /// and stretch the cheap searches admitted first.
    /// </summary>
    public int Readers { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// How long a search waiting for a reader may be passed by searches expected to cost less,
    /// counted from its arrival; after that it is the next to run (see <see cref="AdmissionQueue"/>).
    /// </summary>
    /// <remarks>
    /// Past this bound searches go in arrival order, so it must be well above the mean wait under
    /// load (20 clients at ~500 searches/s wait ~40 ms): at 50 ms nearly every search reaches it
    /// and the order is first come first served again; at 100 ms most pass, the rest wait up to it.
    /// </remarks>
    public TimeSpan AdmissionAging { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Memory for answers already computed (searches, amount lists), keyed by the whole normalised
    /// request and valid until the next commit the readers see; 0 turns the cache off (<c>serve --no-cache</c>).
    /// </summary>
    public int CacheMegabytes { get; init; } = 64;

    /// <summary>Hits per page on the search page.</summary>
    public int PageSize { get; init; } = 10;
}
