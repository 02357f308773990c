using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QaIngest.Fetch;

/// <summary>
/// The fetch manifest in the project's SQLite database (<c>DATA/qaingest.db</c>, WAL mode): one
/// row per fetch in <c>fetches</c>, and which annexes belong to which question in <c>fetch_annexes</c>.
/// A failed row says whether the failure was transient (<c>transient</c>: 1 ask again, 0 asking again
/// cannot help, NULL written before that was recorded) and whether <c>retry-failed</c> put it back
/// (<c>retry</c>). One connection, serialised; thread-safe.
/// </summary>
public sealed class FetchManifest : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    public FetchManifest(string databasePath)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS fetches (
                id INTEGER PRIMARY KEY,
                target TEXT NOT NULL,
                link_id INTEGER,
                opendata_id INTEGER,
                role TEXT NOT NULL,
                annex_of TEXT,
                requested_url TEXT NOT NULL,
                final_url TEXT,
                http_status INTEGER,
                content_type TEXT,
                format TEXT NOT NULL,
                size INTEGER,
                sha256 TEXT,
                etag TEXT,
                last_modified TEXT,
                fetched_at TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                status TEXT NOT NULL,
                failure_reason TEXT,
                raw_path TEXT,
                transient INTEGER,
                retry INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS fetches_final_url ON fetches (final_url, id);
            CREATE INDEX IF NOT EXISTS fetches_target ON fetches (target, id);
            CREATE TABLE IF NOT EXISTS fetch_annexes (
                question TEXT NOT NULL,
                annex_link_id INTEGER NOT NULL,
                title TEXT,
                PRIMARY KEY (question, annex_link_id));
            """);

        // Databases written before failures said whether they were transient: the columns are added
        // and the old rows kept; their transient stays NULL (unknown), so their targets are asked again.
        AddColumnIfMissing("transient", "INTEGER");
        AddColumnIfMissing("retry", "INTEGER NOT NULL DEFAULT 0");
    }

    /// <summary>The database's journal mode (for the record: "wal").</summary>
    public string JournalMode
    {
        get
        {
            lock (gate)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode;";
                return (string)command.ExecuteScalar()!;
            }
        }
    }

    public void Record(FetchOutcome outcome)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO fetches (target, link_id, opendata_id, role, annex_of, requested_url, final_url, http_status, content_type, format,
                                     size, sha256, etag, last_modified, fetched_at, attempts, status, failure_reason, raw_path, transient)
                VALUES ($target, $link, $opendata, $role, $annexOf, $requested, $final, $status, $contentType, $format,
                        $size, $sha, $etag, $modified, $at, $attempts, $outcome, $reason, $raw, $transient);
                """;
            Add(command, "$target", outcome.Target);
            Add(command, "$link", outcome.LinkId?.Value);
            Add(command, "$opendata", outcome.OpenDataId?.Value);
            Add(command, "$role", Lower(outcome.Role));
            Add(command, "$annexOf", outcome.AnnexOf);
            Add(command, "$requested", outcome.RequestedUrl.AbsoluteUri);
            Add(command, "$final", outcome.FinalUrl?.AbsoluteUri);
            Add(command, "$status", outcome.HttpStatus);
            Add(command, "$contentType", outcome.ContentType);
            Add(command, "$format", Lower(outcome.Format));
            Add(command, "$size", outcome.Size);
            Add(command, "$sha", outcome.Sha256);
            Add(command, "$etag", outcome.ETag);
            Add(command, "$modified", outcome.LastModified?.ToString("O", CultureInfo.InvariantCulture));
            Add(command, "$at", outcome.FetchedAt.ToString("O", CultureInfo.InvariantCulture));
            Add(command, "$attempts", outcome.Attempts);
            Add(command, "$outcome", Lower(outcome.Status));
            Add(command, "$reason", outcome.FailureReason);
            Add(command, "$raw", outcome.RawPath);
            Add(command, "$transient", outcome.Status == FetchStatus.Failed ? (outcome.Transient ? 1 : 0) : null);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Records that <paramref name="question"/> (a target key) lists the annex <paramref name="annex"/>.</summary>
    public void RecordAnnex(string question, LinkId annex, string? title)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO fetch_annexes (question, annex_link_id, title) VALUES ($q, $a, $t) ON CONFLICT DO UPDATE SET title = coalesce(excluded.title, title);";
            Add(command, "$q", question);
            Add(command, "$a", annex.Value);
            Add(command, "$t", title);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The newest stored version fetched from <paramref name="finalUrl"/>, or null.</summary>
    public StoredVersion? LatestStored(Uri finalUrl)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT etag, last_modified, sha256, raw_path, format, content_type, size FROM fetches
                WHERE final_url = $url AND status <> 'failed' AND sha256 IS NOT NULL AND raw_path IS NOT NULL
                ORDER BY id DESC LIMIT 1;
                """;
            Add(command, "$url", finalUrl.AbsoluteUri);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new StoredVersion(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                reader.GetString(2),
                reader.GetString(3),
                Enum.Parse<FileFormat>(reader.GetString(4), ignoreCase: true),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? 0 : reader.GetInt64(6));
        }
    }

    /// <summary>Every row, oldest first (for reports and tests).</summary>
    public IReadOnlyList<FetchOutcome> All()
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT target, link_id, opendata_id, role, annex_of, requested_url, final_url, http_status, content_type, format,
                       size, sha256, etag, last_modified, fetched_at, attempts, status, failure_reason, raw_path, transient
                FROM fetches ORDER BY id;
                """;
            using var reader = command.ExecuteReader();
            var rows = new List<FetchOutcome>();
            while (reader.Read())
            {
                rows.Add(new FetchOutcome
                {
                    Target = reader.GetString(0),
                    LinkId = reader.IsDBNull(1) ? null : Fetch.LinkId.Create(reader.GetInt32(1)),
                    OpenDataId = reader.IsDBNull(2) ? null : Fetch.OpenDataId.Create(reader.GetInt32(2)),
                    Role = Enum.Parse<FetchRole>(reader.GetString(3), ignoreCase: true),
                    AnnexOf = reader.IsDBNull(4) ? null : reader.GetString(4),
                    RequestedUrl = new Uri(reader.GetString(5)),
                    FinalUrl = reader.IsDBNull(6) ? null : new Uri(reader.GetString(6)),
                    HttpStatus = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                    ContentType = reader.IsDBNull(8) ? null : reader.GetString(8),
                    Format = Enum.Parse<FileFormat>(reader.GetString(9), ignoreCase: true),
                    Size = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                    Sha256 = reader.IsDBNull(11) ? null : reader.GetString(11),
                    ETag = reader.IsDBNull(12) ? null : reader.GetString(12),
                    LastModified = reader.IsDBNull(13) ? null : DateTimeOffset.Parse(reader.GetString(13), CultureInfo.InvariantCulture),
                    FetchedAt = DateTimeOffset.Parse(reader.GetString(14), CultureInfo.InvariantCulture),
                    Attempts = reader.GetInt32(15),
                    Status = Enum.Parse<FetchStatus>(reader.GetString(16), ignoreCase: true),
                    FailureReason = reader.IsDBNull(17) ? null : reader.GetString(17),
                    RawPath = reader.IsDBNull(18) ? null : reader.GetString(18),

                    // Unknown (a row written before it was recorded) counts as transient: asking again is the safe side.
                    Transient = reader.GetString(16) == "failed" && (reader.IsDBNull(19) || reader.GetInt64(19) != 0),
                });
            }

            return rows;
        }
    }

    /// <summary>
    /// The stored file of each annex fetched for a question (target key): the latest stored version
    /// per annex, by link id, with its format (the table stage reads XLSX annexes from them).
    /// </summary>
    public IReadOnlyList<(LinkId? LinkId, string RawPath, FileFormat Format)> StoredAnnexesOf(string question)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT link_id, raw_path, format FROM fetches
                WHERE annex_of = $q AND status <> 'failed' AND raw_path IS NOT NULL
                  AND id IN (SELECT max(id) FROM fetches WHERE annex_of = $q AND status <> 'failed' AND raw_path IS NOT NULL GROUP BY target)
                ORDER BY link_id;
                """;
            Add(command, "$q", question);
            using var reader = command.ExecuteReader();
            var annexes = new List<(LinkId?, string, FileFormat)>();
            while (reader.Read())
            {
                annexes.Add((reader.IsDBNull(0) ? null : Fetch.LinkId.Create(reader.GetInt32(0)), reader.GetString(1), Enum.Parse<FileFormat>(reader.GetString(2), ignoreCase: true)));
            }

            return annexes;
        }
    }

    /// <summary>The annexes recorded for a question (target key), by link id.</summary>
    public IReadOnlyList<(LinkId LinkId, string? Title)> AnnexesOf(string question)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT annex_link_id, title FROM fetch_annexes WHERE question = $q ORDER BY annex_link_id;";
            Add(command, "$q", question);
            using var reader = command.ExecuteReader();
            var annexes = new List<(LinkId, string?)>();
            while (reader.Read())
            {
                annexes.Add((Fetch.LinkId.Create(reader.GetInt32(0)), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }

            return annexes;
        }
    }

    /// <summary>
    /// The targets (keys) among <paramref name="targets"/> whose last fetch as a question (not as an
    /// annex) failed for good and was not put back by <see cref="RetryFailed"/>, with that failure:
    /// asking the site again cannot help until someone says so.
    /// </summary>
    public IReadOnlyDictionary<string, FetchOutcome> KnownFailures(IEnumerable<string> targets)
    {
        var wanted = targets.ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return new Dictionary<string, FetchOutcome>(StringComparer.Ordinal);
        }

        lock (gate)
        {
            // The last row of each target; only those whose last fetch was a permanent failure matter.
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT f.target, f.link_id, f.opendata_id, f.requested_url, f.final_url, f.http_status, f.fetched_at, f.attempts, f.failure_reason
                FROM fetches f
                JOIN (SELECT target, max(id) AS id FROM fetches WHERE annex_of IS NULL GROUP BY target) latest ON latest.id = f.id
                WHERE f.status = 'failed' AND f.transient = 0 AND f.retry = 0;
                """;
            using var reader = command.ExecuteReader();
            var known = new Dictionary<string, FetchOutcome>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var target = reader.GetString(0);
                if (!wanted.Contains(target))
                {
                    continue;
                }

                known[target] = new FetchOutcome
                {
                    Target = target,
                    LinkId = reader.IsDBNull(1) ? null : Fetch.LinkId.Create(reader.GetInt32(1)),
                    OpenDataId = reader.IsDBNull(2) ? null : Fetch.OpenDataId.Create(reader.GetInt32(2)),
                    Role = FetchRole.Document,
                    RequestedUrl = new Uri(reader.GetString(3)),
                    FinalUrl = reader.IsDBNull(4) ? null : new Uri(reader.GetString(4)),
                    HttpStatus = reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    FetchedAt = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
                    Attempts = reader.GetInt32(7),
                    Status = FetchStatus.Failed,
                    FailureReason = reader.IsDBNull(8) ? null : reader.GetString(8),
                    Transient = false,
                };
            }

            return known;
        }
    }

    /// <summary>
    /// Puts every permanent failure back (<c>qaingest retry-failed</c>): the next <c>fetch</c> asks the
    /// site again. The rows stay as they were, marked; returns how many targets were known failures.
    /// </summary>
    public int RetryFailed()
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE fetches SET retry = 1
                WHERE id IN (SELECT max(id) FROM fetches WHERE annex_of IS NULL GROUP BY target)
                  AND status = 'failed' AND transient = 0 AND retry = 0;
                """;
            var count = command.ExecuteNonQuery();
            command.CommandText = "UPDATE fetches SET retry = 1 WHERE status = 'failed' AND transient = 0 AND retry = 0;";
            command.ExecuteNonQuery();
            return count;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            connection.Dispose();
        }
    }

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static void Add(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    private void AddColumnIfMissing(string column, string definition)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info('fetches') WHERE name = $name;";
        Add(command, "$name", column);
        if ((long)command.ExecuteScalar()! == 0)
        {
            Execute($"ALTER TABLE fetches ADD COLUMN {column} {definition};");
        }
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
