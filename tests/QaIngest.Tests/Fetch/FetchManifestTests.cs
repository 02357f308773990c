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

    [Fact]
    public void Open_DatabaseFromBeforeTransientWasRecorded_KeepsItsRowsAndAsksTheirTargetsAgain()
    {
        var path = Path.Combine(root, "qaingest.db");
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // The fetches table as it was before this column: one 404 recorded then.
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE fetches (
                    id INTEGER PRIMARY KEY, target TEXT NOT NULL, link_id INTEGER, opendata_id INTEGER, role TEXT NOT NULL, annex_of TEXT,
                    requested_url TEXT NOT NULL, final_url TEXT, http_status INTEGER, content_type TEXT, format TEXT NOT NULL, size INTEGER,
                    sha256 TEXT, etag TEXT, last_modified TEXT, fetched_at TEXT NOT NULL, attempts INTEGER NOT NULL, status TEXT NOT NULL,
                    failure_reason TEXT, raw_path TEXT);
                INSERT INTO fetches (target, link_id, role, requested_url, http_status, format, fetched_at, attempts, status, failure_reason)
                VALUES ('link:990404', 990404, 'document', 'http://127.0.0.1/link?id=990404', 404, 'unknown', '2026-11-30T00:00:00.0000000+00:00', 1, 'failed', 'HTTP 404 from /pfile?id=990404');
                """;
            command.ExecuteNonQuery();
        }

        using var manifest = new FetchManifest(path);

        var row = Assert.Single(manifest.All());
        Assert.Equal("HTTP 404 from /pfile?id=990404", row.FailureReason);
        Assert.True(row.Transient); // unknown: asked again, the safe side
        Assert.Empty(manifest.KnownFailures(["link:990404"]));

        // Failures recorded from now on say what they are: the permanent one is known until retry-failed.
        manifest.Record(row with { FetchedAt = row.FetchedAt.AddDays(1), Transient = false });
        Assert.Equal("HTTP 404 from /pfile?id=990404", manifest.KnownFailures(["link:990404", "link:1"])["link:990404"].FailureReason);
        Assert.Equal(1, manifest.RetryFailed());
        Assert.Empty(manifest.KnownFailures(["link:990404"]));
        Assert.Equal(0, manifest.RetryFailed());
    }

    [Fact]
    public void KnownFailures_OnlyTheLastFetchOfATargetCounts()
    {
        using var manifest = new FetchManifest(Path.Combine(root, "qaingest.db"));
        var failed = new FetchOutcome
        {
            Target = "link:7",
            LinkId = LinkId.Create(7),
            RequestedUrl = new Uri("http://127.0.0.1/link?id=7"),
            Status = FetchStatus.Failed,
            FailureReason = "HTTP 410 from /pfile?id=7",
        };

        manifest.Record(failed);
        manifest.Record(failed with { Status = FetchStatus.Fetched, FailureReason = null });
        manifest.Record(failed with { Target = "link:8", FailureReason = "HTTP 503 after 7 attempts", Transient = true });
        manifest.Record(failed with { Target = "link:9", AnnexOf = "link:1", Role = FetchRole.Annex });

        // 7 arrived after its 410, 8 failed transiently, 9 failed only as an annex of another question.
        Assert.Empty(manifest.KnownFailures(["link:7", "link:8", "link:9"]));
        Assert.True(manifest.All()[2].Transient);
    }
}
