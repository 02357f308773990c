using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Lucene.Net.Search;
using QaIngest.Index;
using QaIngest.Search;
using QaIngest.Text;

namespace QaIngest.Pipeline;

/// <summary>
/// Saved searches run against the documents a run wrote: each item of the batch goes into a
/// Lucene.Net.Memory <c>MemoryIndex</c> (<see cref="ItemIndex"/>) (one small in-memory index per item, with the fields
/// and analysis of the real index), each saved query runs there, and every matching item whose
/// text has not alerted that search before becomes an <see cref="AlertEntry"/>. An item is
/// identified by the hash of its document key, section, number and text, so a reprocessed
/// document with the same text alerts nobody and a changed answer alerts again.
/// </summary>
public sealed class SavedSearchAlerts(ImmutableArray<SavedSearch> searches)
{
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

        var compiled = new List<(SavedSearch Search, CompiledQuery Query)>();
        foreach (var search in searches)
        {
            if (Compile(search.Query).Query is { } query)
            {
                compiled.Add((search, query));
            }
        }

        var found = compiled.ToDictionary(c => c.Search.Name, _ => new List<(string Hash, AlertItem Item)>(), StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var item in ItemIndex.Of(document))
            {
                foreach (var (search, query) in compiled)
                {
                    if (item.Matches(query.Query))
                    {
                        found[search.Name].Add(Describe(search, query, document, item.Section, item.Number, item.Text, now));
                    }
                }
            }
        }

        foreach (var (search, _) in compiled)
        {
            var hits = found[search.Name];
            var seen = alreadyAlerted(search.Name, hits.Select(f => f.Hash));
            entries.AddRange(hits.Where(f => !seen.Contains(f.Hash)).DistinctBy(f => f.Hash)
                .Select(f => new AlertEntry(search.Name, f.Hash, now, JsonSerializer.Serialize(f.Item, PipelineJson.OneLine))));
        }

        return entries;
    }

    /// <summary>
    /// A saved query parsed and compiled as every run will: the parser's limits (nesting, clauses,
    /// numbers in range) and the compiler's (something to search for, Lucene's clause cap). The
    /// pipeline reader refuses a saved search that fails here, so it cannot fail every run later.
    /// </summary>
    public static (CompiledQuery? Query, string? Error) Compile(string query)
    {
        var (node, parseError) = QueryParser.Parse(query);
        if (parseError is not null)
        {
            return (null, parseError.ToString());
        }

        try
        {
            return QueryCompiler.Compile(node!);
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            return (null, $"more than {BooleanQuery.MaxClauseCount:N0} clauses in one group once compiled (OR'ed words, each over its fields)");
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

    private static (string Hash, AlertItem Item) Describe(SavedSearch search, CompiledQuery query, IndexedDocument document, string section, int? number, string text, DateTimeOffset now)
    {
        var identity = string.Create(CultureInfo.InvariantCulture, $"{document.Key}\n{section}\n{number}\n{text}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
        var q = document.Question;
        var figures = document.Figures
            .Where(f => SearchIndex.SectionName(f.Location.Section) == section && f.Location.Number == number)
            .Select(f => new HitFigure(f.Kind.ToString().ToLowerInvariant(), f.Value, f.Currency, f.Unit, f.Per, f.Text, f.Qualifier, f.Location.Part))
            .ToImmutableArray();
        var snippet = SnippetHighlighter.Snippet(text, SnippetHighlighter.Query(query.Terms, query.Prefixes, [text]));
        return (hash, new AlertItem(search.Name, search.Query, document.Key, document.Source, q.Number, q.Title, q.Date, q.Asker, q.Minister,
            section, number, snippet, figures, hash, now));
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

        // Any text of a document may hold characters XML forbids; the whole tree is cleaned once.
        return new XDocument(new XDeclaration("1.0", "utf-8", null), XmlSafeText.Clean(feed));
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Written whole or not at all: a failed write leaves neither a half file nor a .tmp behind.
    private static void Replace(string path, string text)
    {
        var temp = path + ".tmp";
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>One alert as <c>&lt;name&gt;.jsonl</c> holds it.</summary>
    public sealed record AlertItem(
        string Search, string Query, string DocumentKey, string Source, int? DocumentNumber, string? Title, DateOnly? Date, string? Asker, string? Minister,
        string Section, int? Number, string Snippet, ImmutableArray<HitFigure> Figures, string ItemHash, DateTimeOffset AlertedAt);
}
