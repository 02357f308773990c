using QaIngest.Fetch;

namespace QaIngest.Pipeline;

/// <summary>A document a run considers: its key (the index's key too), a local file or a fetch target.</summary>
public sealed record PlannedDocument(string Key, string? FilePath, FetchTarget? Target)
{
    /// <summary>The key of a local file: its path relative to the working directory, with '/'.</summary>
    public static PlannedDocument File(string relativePath, string fullPath) => new(relativePath.Replace('\\', '/'), fullPath, null);

    public static PlannedDocument Remote(FetchTarget target) => new(target.Key, null, target);

    /// <summary>The document a remote key names (<c>link:N</c>, <c>opendata:N</c>, <c>url:…</c>), for retrying it outside its source's list.</summary>
    public static PlannedDocument? FromRemoteKey(string key)
    {
        var parts = key.Split(':', 2);
        if (parts.Length != 2)
        {
            return null;
        }

        return parts[0] switch
        {
            "link" when LinkId.TryParse(parts[1], out var link) => Remote(FetchTarget.Link(link)),
            "opendata" when OpenDataId.TryParse(parts[1], out var open) => Remote(FetchTarget.OpenData(open)),
            "url" when Uri.TryCreate(parts[1], UriKind.Absolute, out var url) => Remote(FetchTarget.Document(url)),
            _ => null,
        };
    }
}
