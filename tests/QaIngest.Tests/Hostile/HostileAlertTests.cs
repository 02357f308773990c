using System.Collections.Immutable;
using System.Text.Json;
using System.Xml.Linq;
using QaIngest.Pipeline;

namespace QaIngest.Tests.Hostile;

/// <summary>An answer holding characters XML forbids (U+FFFE, U+FFFF, a lone surrogate) that a saved search matches: the Atom feed is written without them, and no .tmp file stays.</summary>
public sealed class HostileAlertTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qaingest-alerts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void WriteFiles_SnippetWithCharactersXmlForbids_WritesAFeedWithoutThem()
    {
        var search = new SavedSearch("RIZIV", "RIZIV");
        var item = new SavedSearchAlerts.AlertItem("RIZIV", "RIZIV", "docs/a.txt", "docs/a.txt", 12, "Titel\uFFFF", null, "Jan\uD800 Peeters", null,
            "answer", 1, "het \uFFFERIZIV betaalt 5 miljoen euro 😀", [], "abc", DateTimeOffset.UnixEpoch);
        var json = JsonSerializer.Serialize(item, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        SavedSearchAlerts.WriteFiles(folder, search, [(1L, DateTimeOffset.UnixEpoch, json)]);

        var feed = XDocument.Load(Path.Combine(folder, "RIZIV.xml"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Element(atom + "entry")!;
        Assert.Equal("het RIZIV betaalt 5 miljoen euro 😀", entry.Element(atom + "summary")!.Value);
        Assert.Equal("Vraag 12, answer 1: Titel", entry.Element(atom + "title")!.Value);
        // The alert's JSON (as the database keeps it) already holds the lone surrogate as U+FFFD, which XML allows.
        Assert.Equal("Jan\uFFFD Peeters", entry.Element(atom + "author")!.Element(atom + "name")!.Value);
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp"));
    }
}
