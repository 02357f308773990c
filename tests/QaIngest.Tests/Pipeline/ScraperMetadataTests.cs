using System.Text.Json;
using QaIngest.Pipeline;

namespace QaIngest.Tests.Pipeline;

/// <summary>The scraper's four lines of a real text are read as metadata and cut off the text the parser gets.</summary>
public sealed class ScraperMetadataTests
{
    public static TheoryData<string> Files() => [.. Expected().Select(e => e.GetProperty("file").GetString()!)];

    private static IEnumerable<JsonElement> Expected() =>
        JsonDocument.Parse(File.ReadAllText(Repo.Fixture("Pipeline", "Fixtures", "scraper-metadata.json"))).RootElement.GetProperty("files").EnumerateArray();

    [Theory]
    [MemberData(nameof(Files))]
    public void Split_RealText_ReadsTheFourLinesAndKeepsTheRest(string file)
    {
        var expected = Expected().Single(e => e.GetProperty("file").GetString() == file);
        var raw = File.ReadAllText(Repo.File_("corpus", "real-texts", file));

        var (metadata, body) = ScraperMetadata.Split(raw);

        Assert.NotNull(metadata);
        Assert.Equal(expected.GetProperty("title").GetString(), metadata.Title);
        Assert.Equal(expected.GetProperty("themes").EnumerateArray().Select(t => t.GetString()), metadata.Themes);
        Assert.Equal(expected.GetProperty("pdfUrl").GetString(), metadata.PdfUrl);
        Assert.Equal(expected.GetProperty("pageUrl").GetString(), metadata.PageUrl);
        Assert.Equal(expected.GetProperty("firstBodyLine").GetString(), body.Split('\n')[0].TrimEnd());
        Assert.DoesNotContain("thema link:", body, StringComparison.Ordinal);
        Assert.EndsWith(body, raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_SeedWithoutScraperLines_IsNoMetadataAndTheWholeText()
    {
        var raw = File.ReadAllText(Repo.Seed("001_98b0514b58b8ebbf.txt"));

        var (metadata, body) = ScraperMetadata.Split(raw);

        Assert.Null(metadata);
        Assert.Equal(raw, body);
    }

    [Fact]
    public void Split_TitleLineWithoutLinks_IsNotScraped()
    {
        // A text that happens to start with "title:" but has no link lines is text, not metadata.
        const string raw = "title: iets\nSCHRIFTELIJKE VRAAG\nnr. 1\n";

        var (metadata, body) = ScraperMetadata.Split(raw);

        Assert.Null(metadata);
        Assert.Equal(raw, body);
    }
}
