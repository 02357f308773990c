using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace QaIngest.Fetch;

/// <summary>
/// Discovery through the parliament's search API
/// (<c>api/search/query/{query}?collection=vp_collection&amp;page=N&amp;max=100&amp;sort=date</c>):
/// reads every page, 100 results a page, and returns the written questions with their metatags
/// (<c>nummer</c>, <c>vraagsteller</c>, <c>minister</c>, <c>document</c>, <c>opendata</c>,
/// <c>publicatiedatum</c>, <c>zittingsjaar</c>, <c>thema</c>). Same politeness and resilience as fetching.
/// </summary>
public sealed class ParliamentSearchClient(HttpGateway gateway, FetchOptions options)
{
    public const int PageSize = 100;

    /// <summary>Stops a server that never says "last page" from keeping us forever.</summary>
    public const int MaxPages = 1000;

    public async Task<ImmutableArray<DiscoveredQuestion>> DiscoverAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var found = new List<DiscoveredQuestion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; page <= MaxPages; page++)
        {
            var url = PageUrl(query, page);
            var response = await gateway.GetAsync(url, "application/json", null, new AttemptCounter(), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw new FetchFailedException($"search: HTTP {response.StatusCode} for page {page}", response.StatusCode);
            }

            var (results, total) = ReadPage(response.Body);
            foreach (var result in results)
            {
                // Pages of a live index can shift while we read; a result seen on an earlier page is kept once.
                if (seen.Add(result.Id?.ToString() ?? result.Documents.FirstOrDefault()?.AbsoluteUri ?? result.Page?.AbsoluteUri ?? Guid.NewGuid().ToString()))
                {
                    found.Add(result);
                }
            }

            if (results.Count < PageSize || (total is { } count && page * PageSize >= count))
            {
                break;
            }
        }

        return [.. found];
    }

    public Uri PageUrl(SearchQuery query, int page) =>
        new(options.ApiBaseUrl, $"api/search/query/{query.Expression}?collection=vp_collection&page={page.ToString(CultureInfo.InvariantCulture)}&max={PageSize}&sort=date");

    /// <summary>One page of the API's JSON: results and the total count when given. Accepts metatags as a name/value list or as an object.</summary>
    public static (IReadOnlyList<DiscoveredQuestion> Results, int? Total) ReadPage(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            int? total = root.TryGetProperty("count", out var count) && count.TryGetInt32(out var n) ? n : null;
            var results = new List<DiscoveredQuestion>();
            if (root.TryGetProperty("result", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    results.Add(ReadResult(item));
                }
            }

            return (results, total);
        }
        catch (JsonException e)
        {
            throw new FetchFailedException($"search: not JSON ({e.Message})");
        }
    }

    private static DiscoveredQuestion ReadResult(JsonElement item)
    {
        var tags = new List<(string Name, string Value)>();
        if (item.TryGetProperty("metatags", out var metatags))
        {
            if (metatags.ValueKind == JsonValueKind.Object && metatags.TryGetProperty("metatag", out var inner))
            {
                metatags = inner;
            }

            if (metatags.ValueKind == JsonValueKind.Array)
            {
                foreach (var tag in metatags.EnumerateArray())
                {
                    if (tag.TryGetProperty("name", out var name) && tag.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        tags.Add((name.GetString()!, value.GetString()!));
                    }
                }
            }
            else if (metatags.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in metatags.EnumerateObject())
                {
                    var values = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToArray() : [property.Value];
                    tags.AddRange(values.Where(v => v.ValueKind == JsonValueKind.String).Select(v => (property.Name, v.GetString()!)));
                }
            }
        }

        string? One(string name) => tags.FirstOrDefault(t => t.Name == name).Value;
        IEnumerable<string> All(string name) => tags.Where(t => t.Name == name).Select(t => t.Value);
        static Uri? AsUrl(string? text) => Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;

        var openData = AsUrl(One("opendata"));
        var idText = openData?.Segments.LastOrDefault()?.Trim('/');
        return new DiscoveredQuestion
        {
            Id = OpenDataId.TryParse(idText, out var id) ? id : null,
            Number = int.TryParse(One("nummer"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null,
            Date = DateOnly.TryParseExact((One("publicatiedatum") ?? "").Split('T')[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            SessionYear = One("zittingsjaar"),
            Asker = One("vraagsteller"),
            Minister = One("minister"),
            Title = item.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null,
            Page = item.TryGetProperty("url", out var page) ? AsUrl(page.GetString()) : null,
            OpenData = openData,
            Documents = [.. All("document").Select(AsUrl).OfType<Uri>()],
            Themes = [.. All("thema")],
        };
    }
}
