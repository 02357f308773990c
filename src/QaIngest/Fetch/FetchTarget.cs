using System.Globalization;

namespace QaIngest.Fetch;

/// <summary>What to fetch: a permalink id, an open-data question id, or a document URL (from discovery).</summary>
public sealed record FetchTarget
{
    private FetchTarget(LinkId? linkId, OpenDataId? openDataId, Uri? url)
    {
        LinkId = linkId;
        OpenDataId = openDataId;
        Url = url;
    }

    public LinkId? LinkId { get; }

    public OpenDataId? OpenDataId { get; }

    public Uri? Url { get; }

    /// <summary>The manifest's key for the target: <c>link:N</c>, <c>opendata:N</c> or <c>url:…</c>.</summary>
    public string Key => LinkId is { } link ? $"link:{link}"
        : OpenDataId is { } open ? $"opendata:{open}"
        : $"url:{Url}";

    public static FetchTarget Link(LinkId id) => new(id.Value > 0 ? id : throw new ArgumentException("default link id", nameof(id)), null, null);

    public static FetchTarget OpenData(OpenDataId id) => new(null, id.Value > 0 ? id : throw new ArgumentException("default open-data id", nameof(id)), null);

    public static FetchTarget Document(Uri url) => new(LinkIdIn(url), null, url.IsAbsoluteUri ? url : throw new ArgumentException("relative URL", nameof(url)));

    /// <summary>The id in a <c>link?id=N</c> or <c>pfile?id=N</c> URL, if any.</summary>
    public static LinkId? LinkIdIn(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return null;
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("id=", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(pair.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && Fetch.LinkId.TryCreate(value, out var id))
            {
                return id;
            }
        }

        return null;
    }

    public override string ToString() => Key;
}
