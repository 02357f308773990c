using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using QaIngest.Pipeline;
using QaIngest.Text;

namespace QaIngest.Web;

/// <summary>A saved search's alerts as an Atom feed, newest first, each entry linking to its document page.</summary>
internal static class AtomFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static string Of(string name, string baseUrl, ImmutableArray<(DateTimeOffset CreatedAt, SavedSearchAlerts.AlertItem Item)> alerts)
    {
        var query = alerts[0].Item.Query;
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"urn:qaingest:alerts:{name}"),
            new XElement(Atom + "title", $"QaIngest: {name} ({query})"),
            new XElement(Atom + "updated", Iso(alerts[0].CreatedAt)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{baseUrl}/alerts/{Uri.EscapeDataString(name)}.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{baseUrl}/?q={Uri.EscapeDataString(query)}")),
            new XElement(Atom + "author", new XElement(Atom + "name", "QaIngest")));
        foreach (var (createdAt, item) in alerts)
        {
            var what = item.Number is { } n ? $"{item.Section} {n}" : item.Section;
            var entry = new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:qaingest:alert:{name}:{item.ItemHash}"),
                new XElement(Atom + "title", $"{(item.DocumentNumber is { } number ? $"nr. {number}" : item.DocumentKey)}, {what}: {item.Title}"),
                new XElement(Atom + "updated", Iso(createdAt)),
                new XElement(Atom + "link", new XAttribute("href", $"{baseUrl}/document?key={Uri.EscapeDataString(item.DocumentKey)}")),
                new XElement(Atom + "summary", item.Snippet.Replace("«", "", StringComparison.Ordinal).Replace("»", "", StringComparison.Ordinal)));
            if (item.Asker is not null)
            {
                entry.Add(new XElement(Atom + "author", new XElement(Atom + "name", item.Asker)));
            }

            feed.Add(entry);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + XmlSafeText.Clean(feed);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
