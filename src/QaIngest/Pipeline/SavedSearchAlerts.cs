using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Pipeline;

/// <summary>
/// Saved searches run against the documents a run wrote: the batch is indexed into a scratch index
/// (same analysis and query language as the real one), each saved query runs there, and every
/// matching item whose text has not alerted that search before becomes an <see cref="AlertEntry"/>.
/// An item is identified by the hash of its document key, section, number and text, so a
/// reprocessed document with the same text alerts nobody and a changed answer alerts again.
/// </summary>
public sealed class SavedSearchAlerts(ImmutableArray<SavedSearch> searches, string scratchRoot)
{
    /// <summary>At most this many documents go into one scratch index (a search returns at most 1,000 items).</summary>
    public const int MaxDocumentsPerEvaluation = 50;

    private const int FeedEntries = 200;

    public bool Any => !searches.IsDefaultOrEmpty;

    /// <summary>The new alerts for these documents; <paramref name="alreadyAlerted"/> says which item hashes a search alerted before.</summary>
    public List<AlertEntry> Evaluate(IReadOnlyList<IndexedDocument> documents, Func<string, IEnumerable<string>, HashSet<string>> alreadyAlerted, DateTimeOffset now)
    {
        var entries = new List<AlertEntry>();
        if (!Any || documents.Count == 0)
        {
            return entries;
        }

        foreach (var chunk in documents.Chunk(MaxDocumentsPerEvaluation))
        {
            foreach (var search in searches)
            {
                var found = Matches(search, chunk, now);
                var seen = alreadyAlerted(search.Name, found.Select(f => f.Hash));
                entries.AddRange(found.Where(f => !seen.Contains(f.Hash)).DistinctBy(f => f.Hash)
                    .Select(f => new AlertEntry(search.Name, f.Hash, now, JsonSerializer.Serialize(f.Item, PipelineJson.OneLine))));
            }
        }

        return entries;
    }

    // The items of these documents that match; halves the documents while one search would return more than its limit.
    private List<(string Hash, AlertItem Item)> Matches(SavedSearch search, IndexedDocument[] documents, DateTimeOffset now)
    {
        var folder = Path.Combine(scratchRoot, Guid.NewGuid().ToString("N"));
        try
        {
            // In the scratch index a document's source is its key, so a hit names its document even when two share a URL.
            using (var index = SearchIndex.Open(folder, create: true))
            {
                index.AddRange(documents.Select(d => d with { Source = d.Key }));
                var (results, _) = index.Search(new SearchRequest(search.Query) { Limit = 1000 });
                if (results is not null && results.Total > results.Hits.Length && documents.Length > 1)
                {
                    index.Dispose();
                    var half = documents.Length / 2;
                    return [.. Matches(search, documents[..half], now), .. Matches(search, documents[half..], now)];
                }

                var byKey = documents.ToDictionary(d => d.Key, StringComparer.Ordinal);
                var found = new List<(string Hash, AlertItem Item)>();
                foreach (var hit in results?.Hits ?? [])
                {
                    if (byKey.TryGetValue(hit.Source, out var document) && Describe(search, document, hit, now) is { } item)
                    {
                        found.Add(item);
                    }
                }

                return found;
            }
        }
        finally
        {
            SqliteScratch.Delete(folder);
        }
    }

    /// <summary>Writes <c>&lt;name&gt;.jsonl</c> (every alert, oldest first) and the Atom feed <c>&lt;name&gt;.xml</c> (the newest 200), each replaced whole.</summary>
    public static void WriteFiles(string alertsFolder, SavedSearch search, ImmutableArray<(long Id, DateTimeOffset CreatedAt, string Json)> alerts)
    {
        Directory.CreateDirectory(alertsFolder);
        var lines = new StringBuilder();
        foreach (var alert in alerts)
        {
            lines.Append(alert.Json).Append('\n');
        }

        Replace(Path.Combine(alertsFolder, search.Name + ".jsonl"), lines.ToString());
        Replace(Path.Combine(alertsFolder, search.Name + ".xml"), Feed(search, alerts).ToString());
    }

    private static (string Hash, AlertItem Item)? Describe(SavedSearch search, IndexedDocument document, SearchHit hit, DateTimeOffset now)
    {
        var item = SearchIndex.ItemsOf(document.Question)
            .FirstOrDefault(i => SearchIndex.SectionName(i.Section) == hit.Section && i.Number == hit.Number);
        if (item.Text is null)
        {
            return null;
        }

        var identity = string.Create(CultureInfo.InvariantCulture, $"{document.Key}\n{hit.Section}\n{hit.Number}\n{item.Text}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
        return (hash, new AlertItem(search.Name, search.Query, document.Key, document.Source, hit.DocumentNumber, hit.Title, hit.Date, hit.Asker, hit.Minister,
            hit.Section, hit.Number, hit.Snippet, hit.Figures, hash, now));
    }

    private static XDocument Feed(SavedSearch search, ImmutableArray<(long Id, DateTimeOffset CreatedAt, string Json)> alerts)
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var newest = alerts.Reverse().Take(FeedEntries).ToList();
        var updated = newest.Count > 0 ? newest[0].CreatedAt : DateTimeOffset.UnixEpoch;
        var feed = new XElement(atom + "feed",
            new XElement(atom + "id", $"urn:qaingest:alerts:{search.Name}"),
            new XElement(atom + "title", $"QaIngest alerts: {search.Name} ({search.Query})"),
            new XElement(atom + "updated", Iso(updated)),
            new XElement(atom + "author", new XElement(atom + "name", "QaIngest")),
            new XElement(atom + "generator", "QaIngest"));
        foreach (var (_, createdAt, json) in newest)
        {
            var item = JsonSerializer.Deserialize<AlertItem>(json, PipelineJson.OneLine)!;
            var what = item.Number is { } n ? $"{item.Section} {n}" : item.Section;
            var entry = new XElement(atom + "entry",
                new XElement(atom + "id", $"urn:qaingest:alert:{search.Name}:{item.ItemHash}"),
                new XElement(atom + "title", $"{(item.DocumentNumber is { } number ? $"Vraag {number}" : item.DocumentKey)}, {what}: {item.Title}"),
                new XElement(atom + "updated", Iso(createdAt)),
                new XElement(atom + "summary", item.Snippet));
            if (Uri.TryCreate(item.Source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                entry.Add(new XElement(atom + "link", new XAttribute("href", url.AbsoluteUri)));
            }

            if (item.Asker is not null)
            {
                entry.Add(new XElement(atom + "author", new XElement(atom + "name", item.Asker)));
            }

            feed.Add(entry);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Replace(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>One alert as <c>&lt;name&gt;.jsonl</c> holds it.</summary>
    public sealed record AlertItem(
        string Search, string Query, string DocumentKey, string Source, int? DocumentNumber, string? Title, DateOnly? Date, string? Asker, string? Minister,
        string Section, int? Number, string Snippet, ImmutableArray<HitFigure> Figures, string ItemHash, DateTimeOffset AlertedAt);
}
