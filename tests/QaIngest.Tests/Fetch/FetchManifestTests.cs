using QaIngest.Fetch;

namespace QaIngest.Tests.Fetch;

public sealed class FetchManifestTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("qaingest-manifest-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Open_NewDatabase_UsesWal()
    {
        using var manifest = new FetchManifest(Path.Combine(root, "qaingest.db"));

        Assert.Equal("wal", manifest.JournalMode);
    }

    [Fact]
    public void Record_FetchedThenFailed_LatestStoredIsTheFetchedVersion()
    {
        using var manifest = new FetchManifest(Path.Combine(root, "qaingest.db"));
        var url = new Uri("https://docs.vlaamsparlement.be/pfile?id=18585");
        var modified = new DateTimeOffset(2024, 1, 11, 12, 0, 0, TimeSpan.Zero);
        var fetched = new FetchOutcome
        {
            Target = "link:18585",
            LinkId = LinkId.Create(18585),
            RequestedUrl = new Uri("https://www.vlaamsparlement.be/link?id=18585"),
            FinalUrl = url,
            HttpStatus = 200,
            ContentType = "application/pdf",
            Format = FileFormat.Pdf,
            Size = 10,
            Sha256 = new string('a', 64),
            ETag = "\"v1\"",
            LastModified = modified,
            FetchedAt = modified.AddDays(1),
            Attempts = 3,
            Status = FetchStatus.Fetched,
            RawPath = "raw/aa/" + new string('a', 64) + ".pdf",
        };

        manifest.Record(fetched);
        manifest.Record(fetched with { Status = FetchStatus.Failed, FailureReason = "HTTP 503 after 7 attempts", Sha256 = null, RawPath = null });

        var stored = manifest.LatestStored(url);
        Assert.NotNull(stored);
        Assert.Equal("\"v1\"", stored.ETag);
        Assert.Equal(modified, stored.LastModified);
        Assert.Equal(FileFormat.Pdf, stored.Format);
        var rows = manifest.All();
        Assert.Equal(2, rows.Count);
        Assert.Equal(fetched, rows[0]);
        Assert.Equal("HTTP 503 after 7 attempts", rows[1].FailureReason);
    }

    [Fact]
    public void RecordAnnex_Twice_OneRowWithTitle()
    {
        using var manifest = new FetchManifest(Path.Combine(root, "qaingest.db"));

        manifest.RecordAnnex("link:900010", LinkId.Create(950010), "Overzicht");
        manifest.RecordAnnex("link:900010", LinkId.Create(950010), null);

        Assert.Equal([(LinkId.Create(950010), (string?)"Overzicht")], manifest.AnnexesOf("link:900010"));
    }
}
