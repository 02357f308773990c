using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QaIngest.Pipeline;

/// <summary>
/// The pipeline's state in the project's SQLite database (<c>DATA/qaingest.db</c>, WAL mode): the
/// raw file each document key stands for (<c>pipeline_sources</c>), a row per document and stage
/// (<c>pipeline_stages</c>), the runs (<c>pipeline_runs</c>) and the saved-search alerts
/// (<c>alerts</c>), what the re-check policy knows of each fetched document (<c>pipeline_recheck</c>)
/// and the re-check policy each pipeline last ran with (<c>pipeline_policies</c>), and the documents
/// whose stages are running or were running when a process died (<c>pipeline_in_progress</c>). It survives a killed run: every change is a committed transaction.
/// One connection, serialised; thread-safe.
/// </summary>
public sealed class PipelineState : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS pipeline_sources(
            key TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            raw_hash TEXT NOT NULL,
            raw_path TEXT NOT NULL,
            size INTEGER,
            modified INTEGER) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pipeline_stages(
            key TEXT NOT NULL,
            stage TEXT NOT NULL,
            input_hash TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY(key, stage)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS pipeline_stages_status ON pipeline_stages(status) WHERE status <> 'done';
        CREATE TABLE IF NOT EXISTS pipeline_runs(
            id INTEGER PRIMARY KEY,
            pipeline TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            exit_code INTEGER,
            discovered_to TEXT,
            report TEXT);
        CREATE TABLE IF NOT EXISTS alerts(
            id INTEGER PRIMARY KEY,
            search TEXT NOT NULL,
            item_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            entry TEXT NOT NULL,
            UNIQUE(search, item_hash));
        CREATE TABLE IF NOT EXISTS pipeline_recheck(
            key TEXT PRIMARY KEY,
            answered INTEGER NOT NULL,
            supplements INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            last_change TEXT NOT NULL,
            last_check TEXT NOT NULL,
            last_changes TEXT) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pipeline_in_progress(
            key TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            raw_hash TEXT NOT NULL,
            raw_path TEXT NOT NULL,
            size INTEGER,
            modified INTEGER,
            deaths INTEGER NOT NULL,
            running INTEGER NOT NULL,
            alone INTEGER NOT NULL,
            started_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pipeline_policies(
            pipeline TEXT PRIMARY KEY,
            policy TEXT NOT NULL,
            updated_at TEXT NOT NULL) WITHOUT ROWID;
        """;

    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    public PipelineState(string databasePath)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        Execute("PRAGMA busy_timeout = 30000;" + Schema);
    }

    /// <summary>
    /// Every document's stage rows as marks, by key (one query for the whole run's decisions).
    /// <paramref name="expectedInput"/> gives the input a stage would have now for a key (null when
    /// unknown); a mark says whether the row's input is that one, so the input strings need not be kept.
    /// </summary>
    public Dictionary<string, StageMark[]> Marks(Func<string, PipelineStage, string?> expectedInput)
    {
        lock (gate)
        {
            var result = new Dictionary<string, StageMark[]>(StringComparer.Ordinal);
            using var command = Command("SELECT key, stage, input_hash, version, status, attempts FROM pipeline_stages ORDER BY key");
            using var reader = command.ExecuteReader();
            string? key = null;
            StageMark[]? marks = null;
            while (reader.Read())
            {
                var rowKey = reader.GetString(0);
                if (!string.Equals(rowKey, key, StringComparison.Ordinal))
                {
                    key = rowKey;
                    result[key] = marks = new StageMark[StageNames.All.Length];
                }

                if (!StageNames.TryParse(reader.GetString(1), out var stage))
                {
                    continue;
                }

                var same = string.Equals(reader.GetString(2), expectedInput(rowKey, stage), StringComparison.Ordinal);
                marks![(int)stage] = new StageMark(true, reader.GetInt32(3), StatusOf(reader.GetString(4)), reader.GetInt32(5), same);
            }

            return result;
        }
    }

    /// <summary>Every document's current raw file, by key.</summary>
    public Dictionary<string, SourceRecord> Sources()
    {
        lock (gate)
        {
            var result = new Dictionary<string, SourceRecord>(StringComparer.Ordinal);
            using var command = Command("SELECT key, source, raw_hash, raw_path, size, modified FROM pipeline_sources");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var record = new SourceRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5));
                result[record.Key] = record;
            }

            return result;
        }
    }

    /// <summary>Records what a stage did for documents, and their new raw files, in one transaction.</summary>
    /// <remarks><paramref name="finished"/>: the documents whose in-progress marks these rows settle.</remarks>
    public void Record(IReadOnlyCollection<StageRecord> stages, IReadOnlyCollection<SourceRecord> sources, IReadOnlyCollection<AlertEntry>? alerts = null,
        IReadOnlyCollection<RecheckFacts>? facts = null, IReadOnlyCollection<string>? finished = null)
    {
        if (stages.Count == 0 && sources.Count == 0 && (alerts is null || alerts.Count == 0) && (facts is null || facts.Count == 0) && (finished is null || finished.Count == 0))
        {
            return;
        }

        lock (gate)
        {
            using var transaction = connection.BeginTransaction();
            using var stage = Command("""
                INSERT INTO pipeline_stages(key, stage, input_hash, version, status, attempts, last_error, updated_at)
                VALUES ($k, $s, $h, $v, $st, $a, $e, $u)
                ON CONFLICT(key, stage) DO UPDATE SET input_hash = excluded.input_hash, version = excluded.version, status = excluded.status,
                    attempts = excluded.attempts, last_error = excluded.last_error, updated_at = excluded.updated_at
                """, transaction);
            foreach (var row in stages)
            {
                Set(stage, ("$k", row.Key), ("$s", row.Stage.Name()), ("$h", row.InputHash), ("$v", row.Version), ("$st", Name(row.Status)),
                    ("$a", row.Attempts), ("$e", row.LastError), ("$u", Timestamp(row.UpdatedAt)));
                stage.ExecuteNonQuery();
            }

            using var source = Command("""
                INSERT INTO pipeline_sources(key, source, raw_hash, raw_path, size, modified) VALUES ($k, $s, $h, $p, $z, $m)
                ON CONFLICT(key) DO UPDATE SET source = excluded.source, raw_hash = excluded.raw_hash, raw_path = excluded.raw_path,
                    size = excluded.size, modified = excluded.modified
                """, transaction);
            foreach (var row in sources)
            {
                Set(source, ("$k", row.Key), ("$s", row.Source), ("$h", row.RawHash), ("$p", row.RawPath), ("$z", row.Size), ("$m", row.ModifiedTicks));
                source.ExecuteNonQuery();
            }

            using var alert = Command("INSERT INTO alerts(search, item_hash, created_at, entry) VALUES ($s, $h, $c, $e) ON CONFLICT(search, item_hash) DO NOTHING", transaction);
            foreach (var row in alerts ?? [])
            {
                Set(alert, ("$s", row.Search), ("$h", row.ItemHash), ("$c", Timestamp(row.CreatedAt)), ("$e", row.Json));
                alert.ExecuteNonQuery();
            }

            using var recheck = Command("""
                INSERT INTO pipeline_recheck(key, answered, supplements, first_seen, last_change, last_check, last_changes) VALUES ($k, $a, $s, $f, $c, $l, $w)
                ON CONFLICT(key) DO UPDATE SET answered = excluded.answered, supplements = excluded.supplements, first_seen = excluded.first_seen,
                    last_change = excluded.last_change, last_check = excluded.last_check, last_changes = excluded.last_changes
                """, transaction);
            foreach (var row in facts ?? [])
            {
                Set(recheck, ("$k", row.Key), ("$a", row.Answered ? 1 : 0), ("$s", row.Supplements), ("$f", Timestamp(row.FirstSeen)),
                    ("$c", Timestamp(row.LastChange)), ("$l", Timestamp(row.LastCheck)), ("$w", row.LastChanges));
                recheck.ExecuteNonQuery();
            }

            using var settled = Command("DELETE FROM pipeline_in_progress WHERE key = $k", transaction);
            foreach (var key in finished ?? [])
            {
                Set(settled, ("$k", key));
                settled.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>
    /// Marks a document as being read now, before its stages run (committed at once, so a process that
    /// dies meanwhile leaves the mark). The deaths counted against the same raw file are kept; a new
    /// raw file starts again at none. <paramref name="alone"/>: no other document is being read meanwhile.
    /// </summary>
    public void BeginReading(SourceRecord raw, DateTimeOffset at, bool alone)
    {
        lock (gate)
        {
            using var command = Command("""
                INSERT INTO pipeline_in_progress(key, source, raw_hash, raw_path, size, modified, deaths, running, alone, started_at) VALUES ($k, $s, $h, $p, $z, $m, 0, 1, $l, $t)
                ON CONFLICT(key) DO UPDATE SET source = excluded.source, raw_path = excluded.raw_path, size = excluded.size, modified = excluded.modified,
                    deaths = CASE WHEN raw_hash = excluded.raw_hash THEN deaths ELSE 0 END, raw_hash = excluded.raw_hash, running = 1, alone = excluded.alone, started_at = excluded.started_at
                """);
            Set(command, ("$k", raw.Key), ("$s", raw.Source), ("$h", raw.RawHash), ("$p", raw.RawPath), ("$z", raw.Size), ("$m", raw.ModifiedTicks), ("$l", alone ? 1 : 0), ("$t", Timestamp(at)));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The process got through a document's stages (its outcome is on its way to the writer): a death
    /// from now on is not this document's doing. The mark itself goes when the outcome is committed.
    /// </summary>
    public void EndReading(string key)
    {
        lock (gate)
        {
            using var command = Command("UPDATE pipeline_in_progress SET running = 0 WHERE key = $k");
            Set(command, ("$k", key));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Called by a run holding the data directory's lock, so no live process is reading: every
    /// document still marked as being read was being read by a process that died. Counts that death
    /// against each: fully when it was read alone, else as one at most (any of the documents read
    /// with it may have been the cause, so each is read alone next time). Returns every marked document with its deaths (those at zero were read to the
    /// end but their outcome was not committed).
    /// </summary>
    public ImmutableArray<InterruptedDocument> CountDeaths()
    {
        lock (gate)
        {
            using var transaction = connection.BeginTransaction();
            using (var died = Command("UPDATE pipeline_in_progress SET deaths = CASE WHEN alone = 1 THEN deaths + 1 ELSE max(deaths, 1) END, running = 0 WHERE running = 1", transaction))
            {
                died.ExecuteNonQuery();
            }

            var result = ImmutableArray.CreateBuilder<InterruptedDocument>();
            using (var command = Command("SELECT key, source, raw_hash, raw_path, size, modified, deaths FROM pipeline_in_progress ORDER BY key", transaction))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var raw = new SourceRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5));
                    result.Add(new InterruptedDocument(raw, reader.GetInt32(6)));
                }
            }

            transaction.Commit();
            return result.ToImmutable();
        }
    }

    /// <summary>What the re-check policy knows of every fetched document, by key.</summary>
    public Dictionary<string, RecheckFacts> RecheckFacts()
    {
        lock (gate)
        {
            var result = new Dictionary<string, RecheckFacts>(StringComparer.Ordinal);
            using var command = Command("SELECT key, answered, supplements, first_seen, last_change, last_check, last_changes FROM pipeline_recheck");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var facts = new RecheckFacts(reader.GetString(0), reader.GetInt32(1) != 0, reader.GetInt32(2), ParseTimestamp(reader.GetString(3)),
                    ParseTimestamp(reader.GetString(4)), ParseTimestamp(reader.GetString(5)))
                {
                    LastChanges = reader.IsDBNull(6) ? null : reader.GetString(6),
                };
                result[facts.Key] = facts;
            }

            return result;
        }
    }

    /// <summary>Remembers the re-check policy a pipeline runs with (for <c>status</c>), as JSON.</summary>
    public void SavePolicy(string pipeline, string policyJson, DateTimeOffset at)
    {
        lock (gate)
        {
            using var command = Command("""
                INSERT INTO pipeline_policies(pipeline, policy, updated_at) VALUES ($p, $j, $u)
                ON CONFLICT(pipeline) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at
                """);
            Set(command, ("$p", pipeline), ("$j", policyJson), ("$u", Timestamp(at)));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The re-check policy of each pipeline that ran here (its JSON), the most recently used first.</summary>
    public ImmutableArray<(string Pipeline, string PolicyJson, DateTimeOffset UpdatedAt)> Policies()
    {
        lock (gate)
        {
            using var command = Command("SELECT pipeline, policy, updated_at FROM pipeline_policies ORDER BY updated_at DESC, pipeline");
            using var reader = command.ExecuteReader();
            var result = ImmutableArray.CreateBuilder<(string, string, DateTimeOffset)>();
            while (reader.Read())
            {
                result.Add((reader.GetString(0), reader.GetString(1), ParseTimestamp(reader.GetString(2))));
            }

            return result.ToImmutable();
        }
    }

    /// <summary>Which of these item hashes already made an alert for the search.</summary>
    public HashSet<string> AlertedItems(string search, IEnumerable<string> itemHashes)
    {
        lock (gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            using var command = Command("SELECT 1 FROM alerts WHERE search = $s AND item_hash = $h");
            foreach (var hash in itemHashes)
            {
                Set(command, ("$s", search), ("$h", hash));
                if (command.ExecuteScalar() is not null)
                {
                    seen.Add(hash);
                }
            }

            return seen;
        }
    }

    /// <summary>A saved search's alerts, oldest first (the JSON of each entry).</summary>
    public ImmutableArray<(long Id, DateTimeOffset CreatedAt, string Json)> Alerts(string search)
    {
        lock (gate)
        {
            var result = ImmutableArray.CreateBuilder<(long, DateTimeOffset, string)>();
            using var command = Command("SELECT id, created_at, entry FROM alerts WHERE search = $s ORDER BY id");
            Set(command, ("$s", search));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add((reader.GetInt64(0), ParseTimestamp(reader.GetString(1)), reader.GetString(2)));
            }

            return result.ToImmutable();
        }
    }

    /// <summary>The stage rows that did not end done (failed for good first, then those to retry).</summary>
    public ImmutableArray<StageRecord> Failures()
    {
        lock (gate)
        {
            using var command = Command("SELECT key, stage, input_hash, version, status, attempts, last_error, updated_at FROM pipeline_stages WHERE status <> 'done' ORDER BY status, key, stage");
            using var reader = command.ExecuteReader();
            var result = ImmutableArray.CreateBuilder<StageRecord>();
            while (reader.Read())
            {
                result.Add(ReadStage(reader));
            }

            return result.ToImmutable();
        }
    }

    /// <summary>Puts every failed stage back to be retried by the next run; returns how many.</summary>
    public int RetryFailed()
    {
        lock (gate)
        {
            using var command = Command("UPDATE pipeline_stages SET status = 'retry' WHERE status = 'failed'");
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>How many documents have each stage done (for <c>status</c>).</summary>
    public ImmutableDictionary<PipelineStage, long> DoneCounts()
    {
        lock (gate)
        {
            using var command = Command("SELECT stage, count(*) FROM pipeline_stages WHERE status = 'done' GROUP BY stage");
            using var reader = command.ExecuteReader();
            var result = ImmutableDictionary.CreateBuilder<PipelineStage, long>();
            while (reader.Read())
            {
                if (StageNames.TryParse(reader.GetString(0), out var stage))
                {
                    result[stage] = reader.GetInt64(1);
                }
            }

            return result.ToImmutable();
        }
    }

    public long BeginRun(string pipeline, DateTimeOffset startedAt)
    {
        lock (gate)
        {
            using var command = Command("INSERT INTO pipeline_runs(pipeline, started_at) VALUES ($p, $s) RETURNING id");
            Set(command, ("$p", pipeline), ("$s", Timestamp(startedAt)));
            return (long)command.ExecuteScalar()!;
        }
    }

    public void EndRun(long id, DateTimeOffset finishedAt, int exitCode, DateOnly? discoveredTo, string report)
    {
        lock (gate)
        {
            using var command = Command("UPDATE pipeline_runs SET finished_at = $f, exit_code = $c, discovered_to = $d, report = $r WHERE id = $id");
            Set(command, ("$f", Timestamp(finishedAt)), ("$c", exitCode), ("$d", discoveredTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$r", report), ("$id", id));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The last finished run of a pipeline whose discovery completed, with the date it discovered up to.</summary>
    public (DateTimeOffset StartedAt, DateOnly DiscoveredTo)? LastDiscovery(string pipeline)
    {
        lock (gate)
        {
            using var command = Command("SELECT started_at, discovered_to FROM pipeline_runs WHERE pipeline = $p AND discovered_to IS NOT NULL ORDER BY id DESC LIMIT 1");
            Set(command, ("$p", pipeline));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? (ParseTimestamp(reader.GetString(0)), DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture))
                : null;
        }
    }

    /// <summary>The most recent runs, newest first: pipeline, start, end, exit code (null while running or when killed).</summary>
    public ImmutableArray<(long Id, string Pipeline, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? ExitCode)> Runs(int limit)
    {
        lock (gate)
        {
            using var command = Command("SELECT id, pipeline, started_at, finished_at, exit_code FROM pipeline_runs ORDER BY id DESC LIMIT $n");
            Set(command, ("$n", limit));
            using var reader = command.ExecuteReader();
            var result = ImmutableArray.CreateBuilder<(long, string, DateTimeOffset, DateTimeOffset?, int?)>();
            while (reader.Read())
            {
                result.Add((reader.GetInt64(0), reader.GetString(1), ParseTimestamp(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : ParseTimestamp(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetInt32(4)));
            }

            return result.ToImmutable();
        }
    }

    public void Dispose() => connection.Dispose();

    private static StageRecord ReadStage(SqliteDataReader reader)
    {
        StageNames.TryParse(reader.GetString(1), out var stage);
        return new StageRecord(reader.GetString(0), stage, reader.GetString(2), reader.GetInt32(3), StatusOf(reader.GetString(4)), reader.GetInt32(5),
            reader.IsDBNull(6) ? null : reader.GetString(6), ParseTimestamp(reader.GetString(7)));
    }

    private static StageStatus StatusOf(string name) => name switch
    {
        "done" => StageStatus.Done,
        "failed" => StageStatus.Failed,
        _ => StageStatus.Retry,
    };

    private static string Name(StageStatus status) => status.ToString().ToLowerInvariant();

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }
}
