using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using QaIngest.Extract;
using QaIngest.Fetch;
using QaIngest.Index;

namespace QaIngest.Pipeline;

/// <summary>
/// Runs a pipeline on its data directory: takes the directory's lock, lists the source's documents,
/// fetches what is not stored yet, and for each document whose raw bytes or stage versions changed
/// runs extract, parse and figures (a few documents at once) and hands the result to one index
/// writer. Every stage's outcome is a state row (<see cref="PipelineState"/>), committed after the
/// index batch it belongs to, so a killed run leaves nothing half-done that the next run would not
/// redo: re-indexing a key replaces it. Transient failures are retried by the next run; permanent
/// ones are recorded with their reason until the input changes or <c>retry-failed</c>.
/// Crash-only: a document is marked as being read before its stages run; a run that finds marks left
/// by a process that died counts a death against each, reads those documents one at a time, and
/// quarantines one at <see cref="PipelineDefinition.QuarantineAfterDeaths"/> deaths as a failure.
/// </summary>
public sealed class PipelineRunner(PipelineDefinition pipeline, PipelineRunOptions options)
{
    private const int WriteBatch = 500;

    private readonly PipelineDefinition pipeline = pipeline;
    private readonly PipelineRunOptions options = options;

    private readonly StageVersions versions = options.Versions ?? StageVersions.Current;
    private readonly TimeProvider time = options.Time ?? TimeProvider.System;

    public string DataDirectory => Path.GetFullPath(Path.Combine(options.WorkingDirectory, options.Data ?? pipeline.Data));

    /// <summary>Runs once; the report is also written to <c>DATA/runs/&lt;start&gt;.json</c>.</summary>
    /// <exception cref="DataDirectoryLockedException">Another run holds the data directory (exit code 3).</exception>
    /// <exception cref="PipelineSourceException">The source cannot be listed (exit code 2).</exception>
    /// <exception cref="IndexUnavailableException">The data directory cannot be used (exit code 2).</exception>
    public async Task<RunReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        using var data = Fetch.DataDirectory.Open(DataDirectory);
        using var state = new PipelineState(data.DatabasePath);
        var runId = state.BeginRun(pipeline.Name, started);
        using var index = pipeline.Runs(PipelineStage.Index) ? SearchIndex.Open(data.Root, create: true) : null;
        using var session = pipeline.Runs(PipelineStage.Fetch)
            ? FetchSession.Open(data, pipeline.FetchOptions(), annexFinder: new ExtractingAnnexLinkFinder(new TextExtractor()))
            : null;

        var run = new Run(this, data, state, index, session, cancellationToken);
        var report = await run.ExecuteAsync(started).ConfigureAwait(false);
        report = report with
        {
            FinishedAt = started + stopwatch.Elapsed,
            StaleLockTakenOver = data.StaleOwner,
            PeakMemoryBytes = Process.GetCurrentProcess().PeakWorkingSet64,
            Index = index?.Counts(),
        };

        var reportFile = Path.Combine(data.Root, "runs", started.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss.fff'Z'", CultureInfo.InvariantCulture) + ".json");
        report = report with { ReportFile = reportFile };
        var json = JsonSerializer.Serialize(report, PipelineJson.Indented);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(reportFile)!);
            File.WriteAllText(reportFile, json + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The work is done and recorded; a report that cannot be written is said, not a failed run,
            // and no half-written report is left (a full disk).
            try
            {
                File.Delete(reportFile);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // A read-only folder: there is no file to remove.
            }

            report = report with { ReportFile = null, Notes = report.Notes.Add($"the report could not be written to {reportFile}: {e.Message}") };
            json = JsonSerializer.Serialize(report, PipelineJson.Indented);
        }

        state.EndRun(runId, report.FinishedAt, report.ExitCode, run.DiscoveredTo, json);
        return report;
    }

    /// <summary>
    /// The input of a stage for a raw file: the raw hash, followed by the versions of the stages that
    /// made the stage's input (<c>…+extract1+parse1</c> for figures). No hashing: it is compared, not trusted.
    /// </summary>
    internal static string InputHash(string rawHash, PipelineStage stage, StageVersions versions)
    {
        if (stage == PipelineStage.Extract)
        {
            return rawHash;
        }

        var text = new StringBuilder(rawHash, rawHash.Length + 32);
        for (var before = PipelineStage.Extract; before < stage; before++)
        {
            text.Append('+').Append(before.Name()).Append(versions[before].ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    // The raw hash recorded for a path that is not a regular file: what it is, so it stays a known failure until that changes.
    private static string NotAFileHash(LocalFileKind kind) => "not-a-file:" + kind.ToString().ToLowerInvariant();

    // What the fetcher says: time-outs, resets and 408/429/5xx are asked again next run; 404, 410, a
    // refused redirect or an oversize body are known failures until the input changes or retry-failed.
    // A full disk, a read-only folder or a damaged database (SQLite's FULL, READONLY, IOERR, CORRUPT,
    // CANTOPEN, NOTADB): not a failure of the documents in the batch but of the run, which stops with
    // one line instead of recording the same reason against every document.
    private static bool IsStorageError(Microsoft.Data.Sqlite.SqliteException e) => StorageFault.Of(e) is not null;

    private static bool IsTransient(FetchOutcome outcome) =>
        outcome.Status != FetchStatus.Failed || outcome.Transient;

    /// <summary>One run's working state.</summary>
    private sealed class Run(PipelineRunner runner, Fetch.DataDirectory data, PipelineState state, SearchIndex? index, FetchSession? session, CancellationToken cancellationToken)
    {
        // Cancelled by the caller, or by the writer when it fails: then nothing is left waiting on a full channel.
        private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        private readonly PipelineDefinition pipeline = runner.pipeline;
        private readonly StageVersions versions = runner.versions;
        private readonly IProgress<RunProgress>? progress = runner.options.Progress;
        private readonly ImmutableArray<PipelineStage> processing = [.. runner.pipeline.Stages.Where(s => s != PipelineStage.Fetch)];
        private readonly List<string> notes = [];
        private readonly List<DocumentFailure> failures = [];
        private readonly List<DocumentMessage> warningSamples = [];
        private readonly Lock gate = new();
        private Dictionary<string, StageMark[]> stages = [];
        private Dictionary<string, SourceRecord> sources = [];
        private Dictionary<string, RecheckFacts> facts = [];
        private readonly HashSet<string> rechecking = new(StringComparer.Ordinal);
        private readonly HashSet<string> suspects = new(StringComparer.Ordinal);
        private readonly HashSet<string> quarantined = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> lastModified = new(StringComparer.Ordinal);
        private readonly List<DocumentChange> changes = [];
        private int recheckAsked, recheckChanged, recheckDeferred, recheckWaiting, recheckSettled;
        private DateOnly today;
        private int warnings;
        private int created, changed, unchanged, reprocessed, knownFailures;
        private int fetched, fetchUnchanged, fetchFailed, notAsked;
        private long items, figures;
        private readonly SortedDictionary<string, int> alerts = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> engines = new(StringComparer.Ordinal);

        public DateOnly? DiscoveredTo { get; private set; }

        // Re-checking needs documents that were fetched and an answer state to decide on, so a parse stage.
        private bool Rechecks => pipeline.Source.IsRemote && pipeline.Runs(PipelineStage.Fetch) && processing.Contains(PipelineStage.Parse);

        public string? DiscoveryError { get; private set; }

        public async Task<RunReport> ExecuteAsync(DateTimeOffset started)
        {
            if (!processing.IsEmpty)
            {
                Recover(started);
            }

            sources = state.Sources();
            stages = state.Marks(ExpectedInput);
            today = DateOnly.FromDateTime(started.UtcDateTime);
            if (Rechecks)
            {
                facts = state.RecheckFacts();
                state.SavePolicy(pipeline.Name, JsonSerializer.Serialize(pipeline.Recheck, PipelineJson.OneLine), started);
            }

            var planned = await ListAsync(started).ConfigureAwait(false);
            var work = new List<(PlannedDocument Document, SourceRecord? Raw)>();
            var toFetch = new List<PlannedDocument>();
            var due = new List<(PlannedDocument Document, SourceRecord Raw, DateTimeOffset LastCheck)>();
            foreach (var document in planned)
            {
                if (document.Target is null)
                {
                    work.Add((document, LocalRaw(document)));
                }
                else if (!pipeline.Runs(PipelineStage.Fetch))
                {
                    work.Add((document, sources.GetValueOrDefault(document.Key)));
                }
                else
                {
                    var row = Mark(document.Key, PipelineStage.Fetch);
                    if (row.Covers(versions[PipelineStage.Fetch]) && sources.TryGetValue(document.Key, out var stored))
                    {
                        if (row.Status == StageStatus.Failed)
                        {
                            notAsked++;
                            knownFailures++;
                        }
                        else
                        {
                            var known = Rechecks ? facts.GetValueOrDefault(document.Key) : null;
                            var next = known is null ? RecheckSchedule.Settled : pipeline.Recheck.Next(known);
                            if (known is not null && next.IsDue(today))
                            {
                                due.Add((document, stored, known.LastCheck));
                            }
                            else
                            {
                                if (known is not null)
                                {
                                    Interlocked.Increment(ref next.When == RecheckWhen.Settled ? ref recheckSettled : ref recheckWaiting);
                                }

                                notAsked++;
                                work.Add((document, stored));
                            }
                        }
                    }
                    else if (row.Covers(versions[PipelineStage.Fetch]) && row.Status == StageStatus.Failed)
                    {
                        notAsked++;
                        knownFailures++;
                    }
                    else
                    {
                        toFetch.Add(document);
                    }
                }
            }

            // The longest unasked first; past the policy's bound, the rest wait for the next run (their stored version is processed as usual).
            foreach (var (document, stored, _) in due.OrderBy(d => d.LastCheck).ThenBy(d => d.Document.Key, StringComparer.Ordinal))
            {
                if (recheckAsked < pipeline.Recheck.MaxPerRun)
                {
                    recheckAsked++;
                    rechecking.Add(document.Key);
                    toFetch.Add(document);
                }
                else
                {
                    recheckDeferred++;
                    notAsked++;
                    work.Add((document, stored));
                }
            }

            // Fetched documents join the work as they arrive; the rest is decided now.
            var channel = Channel.CreateBounded<Processed>(new BoundedChannelOptions(WriteBatch) { SingleReader = true });
            var writer = Task.Run(() => WriteAsync(channel.Reader), CancellationToken.None);
            _ = writer.ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            Exception? processingFailure = null;
            try
            {
                var decided = work.Select(w => Decide(w.Document, w.Raw)).Where(d => d is not null).Select(d => d!).ToList();
                var alone = decided.Where(d => suspects.Contains(d.Document.Key)).Select(d => d with { Alone = true }).ToList();
                var fetches = FetchAsync(toFetch);
                await ProcessAsync(alone, decided.Where(d => !suspects.Contains(d.Document.Key)).ToAsyncEnumerable().Concat(fetches), decided.Count + toFetch.Count, channel.Writer).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                processingFailure = e;
            }
            finally
            {
                channel.Writer.TryComplete();
            }

            // The writer finishes what was handed to it before anything is closed, whatever happened above.
            try
            {
                await writer.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw new PipelineFailedException($"the index writer stopped: {e.GetType().Name}: {e.Message.Split('\n')[0]}; what it committed stays, the next run redoes the rest", e);
            }

            if (processingFailure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(processingFailure);
            }

            WriteAlertFiles();
            var failed = failures.Count;
            return new RunReport
            {
                Pipeline = pipeline.Name,
                Data = data.Root,
                StartedAt = started,
                FinishedAt = started,
                Stages = [.. pipeline.Stages.Select(s => s.Name())],
                Documents = new DocumentCounts(created, changed, unchanged, reprocessed, failed),
                Items = items,
                Figures = figures,
                Warnings = warnings,
                WarningSamples = [.. warningSamples],
                Failed = [.. failures.OrderBy(f => f.Key, StringComparer.Ordinal)],
                KnownFailures = knownFailures,
                Alerts = alerts.ToImmutableSortedDictionary(StringComparer.Ordinal),
                Engines = engines.ToImmutableSortedDictionary(StringComparer.Ordinal),
                Fetch = pipeline.Runs(PipelineStage.Fetch) ? new FetchCounts(fetched, fetchUnchanged, fetchFailed, notAsked) : null,
                Changes = [.. changes.OrderBy(c => c.Key, StringComparer.Ordinal)],
                Recheck = Rechecks ? new RecheckCounts(recheckAsked, recheckChanged, recheckDeferred, recheckWaiting, recheckSettled) { Policy = pipeline.Recheck.Describe() } : null,
                Notes = [.. notes],
                DiscoveryError = DiscoveryError,
                ExitCode = failed > 0 || DiscoveryError is not null ? 1 : 0,
            };
        }

        // The marks left by a process that died: a death for each document it was reading; at the
        // limit the document is recorded as failed (with the raw file it had), else read alone this run.
        private void Recover(DateTimeOffset now)
        {
            var interrupted = state.CountDeaths();
            var first = processing[0];
            var rows = new List<StageRecord>();
            var raws = new List<SourceRecord>();
            foreach (var document in interrupted)
            {
                var key = document.Raw.Key;
                if (document.Deaths >= pipeline.QuarantineAfterDeaths)
                {
                    var reason = $"the process died while reading this file ({document.Deaths} times); skipped until it changes or 'qaingest retry-failed'";
                    rows.Add(new StageRecord(key, first, InputHash(document.Raw.RawHash, first, versions), versions[first], StageStatus.Failed, document.Deaths, reason, now));
                    raws.Add(document.Raw);
                    quarantined.Add(key);
                    Fail(key, first, reason, transient: false);
                }
                else if (document.Deaths > 0)
                {
                    suspects.Add(key);
                }
            }

            state.Record(rows, raws, finished: quarantined);
            if (suspects.Count > 0)
            {
                notes.Add($"{suspects.Count} documents were being read when a process died ({string.Join(", ", suspects.Order(StringComparer.Ordinal).Take(5))}); this run reads them one at a time, and quarantines one that kills it again");
            }
        }

        private async Task<List<PlannedDocument>> ListAsync(DateTimeOffset started)
        {
            progress?.Report(new RunProgress("list", 0, 0));
            var workingDirectory = runner.options.WorkingDirectory;
            var planned = pipeline.Source switch
            {
                FilesSource files => DocumentSources.Files(files, workingDirectory, notes).ToList(),
                LinkIdsSource links => DocumentSources.LinkIds(links, workingDirectory).ToList(),
                DiscoverSource discover => await DiscoverAsync(discover, started).ConfigureAwait(false),
                _ => throw new InvalidOperationException("unknown source"),
            };

            if (pipeline.Source.IsRemote)
            {
                // A document that failed transiently is retried even when the source no longer lists it (discovery moved on).
                var listed = planned.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var (key, rows) in stages)
                {
                    if (!listed.Contains(key) && rows.Any(r => r.Exists && r.Status == StageStatus.Retry) && PlannedDocument.FromRemoteKey(key) is { } retry)
                    {
                        planned.Add(retry);
                        listed.Add(key);
                    }
                }

                // A document the source no longer lists (discovery moved on) is still asked again while the policy says so.
                foreach (var (key, known) in facts)
                {
                    if (!listed.Contains(key) && pipeline.Recheck.Next(known).IsDue(today) && PlannedDocument.FromRemoteKey(key) is { } recheck)
                    {
                        planned.Add(recheck);
                        listed.Add(key);
                    }
                }

                // One fetched by a version without re-checks has no facts yet: planned once, it is parsed again from its raw file (no HTTP) to learn them.
                if (Rechecks)
                {
                    foreach (var (key, rows) in stages)
                    {
                        if (!listed.Contains(key) && !facts.ContainsKey(key) && rows[(int)PipelineStage.Fetch] is { Exists: true, Status: StageStatus.Done }
                            && sources.ContainsKey(key) && PlannedDocument.FromRemoteKey(key) is { } legacy)
                        {
                            planned.Add(legacy);
                        }
                    }
                }
            }

            return planned;
        }

        private async Task<List<PlannedDocument>> DiscoverAsync(DiscoverSource source, DateTimeOffset started)
        {
            progress?.Report(new RunProgress("discover", 0, 0));
            var today = DateOnly.FromDateTime(started.UtcDateTime);
            var (query, to) = DocumentSources.DiscoveryQuery(source, state.LastDiscovery(pipeline.Name)?.DiscoveredTo, today);
            try
            {
                var found = await session!.Search.DiscoverAsync(query, stop.Token).ConfigureAwait(false);
                DiscoveredTo = to;
                notes.Add($"discovered {found.Length} written questions ({query})");
                return [.. found.Select(DocumentSources.Planned).OfType<PlannedDocument>().DistinctBy(p => p.Key)];
            }
            catch (Exception e) when (e is FetchFailedException or HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
            {
                // Discovery failing is not a document failing: the run goes on with what needs a retry, and the next run asks again from the same date.
                DiscoveryError = $"{e.Message}; the next run asks again from the same date";
                return [];
            }
        }

        // A local file's raw record: the stored one when size and modification time are the same (no need to read it),
        // or when the path is still the same kind of thing that is not a file (a FIFO, a linked directory...).
        private SourceRecord? LocalRaw(PlannedDocument document)
        {
            var kind = LocalFile.Kind(document.FilePath!);
            if (kind is not LocalFileKind.Regular and not LocalFileKind.Missing)
            {
                return sources.TryGetValue(document.Key, out var same) && string.Equals(same.RawHash, NotAFileHash(kind), StringComparison.Ordinal) ? same : null;
            }

            var info = new FileInfo(document.FilePath!);
            if (!info.Exists)
            {
                return null;
            }

            return sources.TryGetValue(document.Key, out var stored) && stored.Size == info.Length && stored.ModifiedTicks == info.LastWriteTimeUtc.Ticks
                ? stored
                : null;
        }

        /// <summary>Null when nothing is to be done (unchanged, or a known permanent failure); else the work item.</summary>
        private WorkItem? Decide(PlannedDocument document, SourceRecord? raw)
        {
            if (processing.IsEmpty)
            {
                // Fetch only: nothing after it to decide on (fetched documents were counted as they arrived).
                if (raw is not null && document.Target is not null && Mark(document.Key, PipelineStage.Fetch).Covers(versions[PipelineStage.Fetch]))
                {
                    Interlocked.Increment(ref unchanged);
                }

                return null;
            }

            if (raw is null)
            {
                if (document.Target is not null)
                {
                    Fail(document.Key, PipelineStage.Fetch, "not fetched yet: run a pipeline with the fetch stage for it first", transient: false);
                    return null;
                }

                // A new or changed local file: read and hashed when processed.
                return new WorkItem(document, null);
            }

            var decision = Classify(document.Key, raw.RawHash);
            switch (decision)
            {
                case Change.Unchanged when document.Target is not null && Rechecks && !HasFacts(document.Key):
                    // Fetched before re-checks existed: parsed once more to learn whether it has an answer.
                    return new WorkItem(document, raw) { Forced = Change.Reprocessed };
                case Change.Unchanged:
                    Interlocked.Increment(ref unchanged);
                    return null;
                case Change.KnownFailure:
                    if (!quarantined.Contains(document.Key))
                    {
                        // Quarantined by this run: already among its failures.
                        Interlocked.Increment(ref knownFailures);
                    }

                    return null;
                default:
                    return new WorkItem(document, raw);
            }
        }

        private Change Classify(string key, string rawHash)
        {
            var previousRaw = sources.GetValueOrDefault(key)?.RawHash;
            var rows = stages.GetValueOrDefault(key);
            if (rows is null || processing.All(s => !rows[(int)s].Exists))
            {
                return Change.New;
            }

            if (previousRaw is not null && !string.Equals(previousRaw, rawHash, StringComparison.Ordinal))
            {
                return Change.Changed;
            }

            // Same raw bytes: the marks say whether each stage ran on them with the versions there are now.
            // The stages after one that failed for good never ran, so that failure decides.
            foreach (var stage in processing)
            {
                var row = rows[(int)stage];
                if (!row.Covers(versions[stage]))
                {
                    return Change.Reprocessed;
                }

                if (row.Status == StageStatus.Failed)
                {
                    return Change.KnownFailure;
                }
            }

            return Change.Unchanged;
        }

        private async IAsyncEnumerable<WorkItem> FetchAsync(List<PlannedDocument> targets)
        {
            if (targets.Count == 0)
            {
                yield break;
            }

            var ready = Channel.CreateUnbounded<WorkItem>();
            var done = 0;
            var fetching = Parallel.ForEachAsync(
                targets,
                new ParallelOptions { MaxDegreeOfParallelism = pipeline.FetchOptions().MaxDocumentsInFlight, CancellationToken = stop.Token },
                async (document, token) =>
                {
                    var outcome = await session!.Fetcher.FetchAsync(document.Target!, token).ConfigureAwait(false);
                    var now = runner.time.GetUtcNow();
                    var version = versions[PipelineStage.Fetch];
                    progress?.Report(new RunProgress("fetch", Interlocked.Increment(ref done), targets.Count, document.Key));
                    if (outcome.Status == FetchStatus.Failed || outcome.Sha256 is null || outcome.RawPath is null)
                    {
                        Interlocked.Increment(ref fetchFailed);
                        var reason = outcome.FailureReason ?? "no body stored";
                        var transient = IsTransient(outcome);
                        Fail(document.Key, PipelineStage.Fetch, reason, transient);
                        state.Record([new StageRecord(document.Key, PipelineStage.Fetch, document.Key, version, transient ? StageStatus.Retry : StageStatus.Failed,
                            Attempts(document.Key, PipelineStage.Fetch, document.Key), reason, now)], []);
                        return;
                    }

                    Interlocked.Increment(ref outcome.Status == FetchStatus.Fetched ? ref fetched : ref fetchUnchanged);
                    if (processing.IsEmpty)
                    {
                        // A fetch-only pipeline: the document is done when its bytes are stored.
                        Interlocked.Increment(ref outcome.Status == FetchStatus.Fetched ? ref created : ref unchanged);
                    }

                    var raw = new SourceRecord(document.Key, outcome.FinalUrl?.AbsoluteUri ?? outcome.RequestedUrl.AbsoluteUri, outcome.Sha256, outcome.RawPath, outcome.Size, null);
                    if (outcome.LastModified is { } modified)
                    {
                        lastModified[document.Key] = modified;
                    }

                    // Asked again: the check is recorded now, whether or not anything changed (a change is recorded with the document).
                    RecheckFacts? asked = null;
                    lock (gate)
                    {
                        if (facts.TryGetValue(document.Key, out var known))
                        {
                            facts[document.Key] = asked = known with { LastCheck = now };
                        }
                    }

                    state.Record([new StageRecord(document.Key, PipelineStage.Fetch, document.Key, version, StageStatus.Done, Attempts(document.Key, PipelineStage.Fetch, document.Key), null, now)], [raw],
                        null, asked is null ? null : [asked]);
                    if (Decide(document, raw) is { } item)
                    {
                        await ready.Writer.WriteAsync(item, token).ConfigureAwait(false);
                    }
                });
            _ = fetching.ContinueWith(t => ready.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
            await foreach (var item in ready.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                yield return item;
            }

            await fetching.ConfigureAwait(false);
        }

        // The suspects of a death first, one at a time, so a death counts against the one that caused it; then the rest in parallel.
        private async Task ProcessAsync(List<WorkItem> alone, IAsyncEnumerable<WorkItem> work, int total, ChannelWriter<Processed> output)
        {
            var processor = new DocumentProcessor(new TextExtractor(runner.options.Pdf));
            var done = 0;
            foreach (var item in alone)
            {
                var processed = await ProcessOneAsync(processor, item, stop.Token).ConfigureAwait(false);
                await output.WriteAsync(processed, stop.Token).ConfigureAwait(false);
                progress?.Report(new RunProgress("process", Interlocked.Increment(ref done), total, item.Document.Key));
            }

            await Parallel.ForEachAsync(
                work,
                new ParallelOptions { MaxDegreeOfParallelism = pipeline.Parallelism, CancellationToken = stop.Token },
                async (item, token) =>
                {
                    var processed = await ProcessOneAsync(processor, item, token).ConfigureAwait(false);
                    await output.WriteAsync(processed, token).ConfigureAwait(false);
                    progress?.Report(new RunProgress("process", Interlocked.Increment(ref done), total, item.Document.Key));
                }).ConfigureAwait(false);
        }

        private async Task<Processed> ProcessOneAsync(DocumentProcessor processor, WorkItem item, CancellationToken token)
        {
            var document = item.Document;
            var path = document.FilePath ?? Path.Combine(data.Root, item.Raw!.RawPath);
            byte[] bytes;
            long? size = null, modified = null;
            if (document.FilePath is not null && LocalFile.Kind(path) is var kind and not LocalFileKind.Regular and not LocalFileKind.Missing)
            {
                // Never opened (a FIFO would wait for a writer for ever): a failure recorded against what the path is, known until that changes.
                var pseudo = new SourceRecord(document.Key, document.Key, NotAFileHash(kind), document.Key, null, null);
                return new Processed(document.Key, Classify(document.Key, pseudo.RawHash), pseudo,
                    DocumentProcessor.Result.Failure(processing[0], LocalFile.Describe(kind), transient: false, []));
            }

            try
            {
                var info = new FileInfo(path);
                size = info.Length;
                modified = info.LastWriteTimeUtc.Ticks;
                if (size > Extract.ExtractionLimits.Default.MaxDocumentBytes)
                {
                    // Not read into memory at all: a gigabyte file is not a written question.
                    var large = new SourceRecord(document.Key, document.Key, $"too-large:{size}:{modified}", document.Key, size, modified);
                    return new Processed(document.Key, Classify(document.Key, large.RawHash), large,
                        DocumentProcessor.Result.Failure(processing[0], $"document larger than {Extract.ExtractionLimits.Default.MaxDocumentBytes / (1024 * 1024)} MB", transient: false, []));
                }

                bytes = await File.ReadAllBytesAsync(path, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A stored raw file that went missing is fetched again by the next run; a local file that went away is gone for good.
                return document.Target is not null
                    ? Processed.Failed(document.Key, PipelineStage.Fetch, $"the stored raw file is missing ({e.Message}); fetched again by the next run", transient: true)
                    : Processed.Failed(document.Key, PipelineStage.Extract, $"cannot read {path}: {e.Message}", transient: false);
            }

            var rawHash = RawStore.Sha256Hex(bytes);
            var raw = document.FilePath is null ? item.Raw! : new SourceRecord(document.Key, document.Key, rawHash, document.Key, size, modified);
            var change = item.Forced ?? Classify(document.Key, rawHash);
            if (change is Change.Unchanged or Change.KnownFailure)
            {
                // A local file touched but not changed: remember its new size and time so the next run does not read it.
                return new Processed(document.Key, change, raw, null);
            }

            // Marked before the stages run: if the process dies in them, the next run knows which documents it was reading.
            state.BeginReading(raw, runner.time.GetUtcNow(), alone: item.Alone || pipeline.Parallelism == 1);
            runner.options.Reading?.Invoke(document.Key);
            DocumentProcessor.Result result;
            var stuck = false;
            try
            {
                result = await processor.ProcessAsync(bytes, document.Key, raw.Source, rawHash, processing, token, await AnnexesAsync(document, token).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (ExtractionStuckException e)
            {
                // Readings that cannot be stopped are piling up: the run ends here with the reason, and the
                // marks stay, so the next runs count it as a death and quarantine a document that keeps doing it.
                stuck = true;
                throw new PipelineFailedException(e.Message, e);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug in a stage must cost one document, not the run: recorded, and redone when the stage's version changes.
                result = DocumentProcessor.Result.Failure(PipelineStage.Parse, $"internal error: {e.GetType().Name}: {e.Message}", transient: false, []);
            }
            finally
            {
                if (!stuck)
                {
                    state.EndReading(document.Key);
                }
            }

            return new Processed(document.Key, change, raw, result) { Remote = document.Target is not null };
        }

        /// <summary>The stored XLSX annexes of a fetched question, whose sheets become its tables (an unreadable one is skipped).</summary>
        private async Task<List<(int? LinkId, byte[] Bytes)>?> AnnexesAsync(PlannedDocument document, CancellationToken token)
        {
            if (session is null || document.Target is null)
            {
                return null;
            }

            var annexes = new List<(int? LinkId, byte[] Bytes)>();
            foreach (var (linkId, rawPath, format) in session.Manifest.StoredAnnexesOf(document.Key))
            {
                if (format != Fetch.FileFormat.Xlsx)
                {
                    continue;
                }

                try
                {
                    annexes.Add((linkId?.Value, await File.ReadAllBytesAsync(Path.Combine(data.Root, rawPath), token).ConfigureAwait(false)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A stored annex that went missing costs its tables, not the question; the next fetch stores it again.
                }
            }

            return annexes;
        }

        // Batches of up to WriteBatch documents, or what arrived within a second: few commits when
        // processing keeps up, and no document waits long for its state row when it does not.
        private async Task WriteAsync(ChannelReader<Processed> reader)
        {
            var batch = new List<Processed>();
            var since = Stopwatch.StartNew();
            while (true)
            {
                while (batch.Count < WriteBatch && reader.TryRead(out var processed))
                {
                    if (batch.Count == 0)
                    {
                        since.Restart();
                    }

                    batch.Add(processed);
                }

                var completed = reader.Completion.IsCompleted;
                if (batch.Count > 0 && (batch.Count >= WriteBatch || completed || since.Elapsed >= TimeSpan.FromSeconds(1)))
                {
                    Commit(batch);
                    batch.Clear();
                    continue;
                }

                if (completed)
                {
                    return;
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                try
                {
                    await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Time to commit what there is.
                }
            }
        }

        // The index batch first, then the state rows that say it is done: a kill between the two redoes the batch (same keys, replaced).
        private void Commit(List<Processed> batch)
        {
            var now = runner.time.GetUtcNow();
            var toIndex = batch.Where(p => p.Result?.Document is not null && p.Result.FailedStage is null).Select(p => p.Result!.Document!).ToList();
            var indexFailure = default(string);
            if (index is not null && toIndex.Count > 0)
            {
                try
                {
                    index.AddRange(toIndex);
                }
                catch (Microsoft.Data.Sqlite.SqliteException e) when (!IsStorageError(e))
                {
                    indexFailure = $"index: {e.Message.Split('\n')[0]}";
                }
            }

            var rows = new List<StageRecord>();
            var raws = new List<SourceRecord>();
            var factRows = new List<RecheckFacts>();
            foreach (var processed in batch)
            {
                var key = processed.Key;
                if (processed.Raw is null)
                {
                    // The file could not be read at all: there is no input hash to record against.
                    var result0 = processed.Result!;
                    Fail(key, result0.FailedStage!.Value, result0.Error!, result0.Transient);
                    var input0 = result0.FailedStage == PipelineStage.Fetch ? key : string.Empty;
                    rows.Add(new StageRecord(key, result0.FailedStage.Value, input0, versions[result0.FailedStage.Value],
                        result0.Transient ? StageStatus.Retry : StageStatus.Failed, Attempts(key, result0.FailedStage.Value, input0), result0.Error, now));
                    continue;
                }

                raws.Add(processed.Raw);
                if (processed.Result is null)
                {
                    Interlocked.Increment(ref processed.Change == Change.Unchanged ? ref unchanged : ref knownFailures);
                    continue;
                }

                var result = processed.Result;
                Count(key, result.Warnings);
                if (result.Engine is { } engine)
                {
                    engines[engine] = engines.GetValueOrDefault(engine) + 1;
                }

                var failedAt = result.FailedStage ?? (indexFailure is not null && result.Document is not null ? PipelineStage.Index : null);
                foreach (var stage in processing)
                {
                    if (failedAt is { } failed && stage >= failed)
                    {
                        if (stage == failed)
                        {
                            var reason = result.Error ?? indexFailure!;
                            var transient = result.FailedStage is null || result.Transient;
                            var attempts = Attempts(key, stage, InputHash(processed.Raw!.RawHash, stage, versions));
                            if (transient && result.TimedOut && attempts >= pipeline.QuarantineAfterTimeouts)
                            {
                                // A document that times out every run is not going to pass: a known failure, not a run that exits 1 for ever.
                                transient = false;
                                reason += $" ({attempts} times; skipped until it changes or 'qaingest retry-failed')";
                            }

                            rows.Add(new StageRecord(key, stage, InputHash(processed.Raw!.RawHash, stage, versions), versions[stage], transient ? StageStatus.Retry : StageStatus.Failed,
                                attempts, reason, now));
                            Fail(key, stage, reason, transient);
                        }

                        break;
                    }

                    var input = InputHash(processed.Raw!.RawHash, stage, versions);
                    rows.Add(new StageRecord(key, stage, input, versions[stage], StageStatus.Done, Attempts(key, stage, input), null, now));
                }

                if (failedAt is null)
                {
                    if (processed.Change == Change.New)
                    {
                        Interlocked.Increment(ref created);
                    }
                    else if (processed.Change == Change.Changed)
                    {
                        Interlocked.Increment(ref changed);
                    }
                    else
                    {
                        Interlocked.Increment(ref reprocessed);
                    }

                    if (result.Document is { } document && index is not null)
                    {
                        items += SearchIndex.ItemsOf(document.Question).Count();
                        figures += document.Figures.Length;
                    }

                    if (result.Document is { } parsed && processed.Remote && Rechecks)
                    {
                        factRows.Add(Learn(processed, parsed.Question, now));
                    }
                    else if (processed.Change == Change.Changed)
                    {
                        // A local file: what it was before is not kept, so only that it changed is known.
                        changes.Add(new DocumentChange(key, []));
                    }
                }
            }

            var alertEntries = new List<AlertEntry>();
            if (index is not null && indexFailure is null && pipeline.SavedSearches.Length > 0)
            {
                var alerting = new SavedSearchAlerts(pipeline.SavedSearches);
                alertEntries = alerting.Evaluate(toIndex, state.AlertedItems, now);
                foreach (var entry in alertEntries)
                {
                    alerts[entry.Search] = alerts.GetValueOrDefault(entry.Search) + 1;
                }
            }

            state.Record(rows, raws, alertEntries, factRows, [.. batch.Where(p => p.Raw is not null).Select(p => p.Key)]);
        }

        // The re-check facts of a fetched document that was processed, and what changed when its bytes did.
        private RecheckFacts Learn(Processed processed, Parse.WrittenQuestion question, DateTimeOffset now)
        {
            var key = processed.Key;
            var answer = AnswerState.Of(question);
            RecheckFacts? before;
            lock (gate)
            {
                before = facts.GetValueOrDefault(key);
            }

            RecheckFacts after;
            if (before is null)
            {
                // First seen: its last change is when the site says the file was last modified, so a backfill of old answers is settled at once.
                var modified = lastModified.TryGetValue(key, out var m) ? m
                    : Uri.TryCreate(processed.Raw!.Source, UriKind.Absolute, out var url) ? session?.Manifest.LatestStored(url)?.LastModified
                    : null;
                after = new RecheckFacts(key, answer.Answered, answer.Supplements, now, modified is { } at && at < now ? at : now, now);
                if (processed.Change == Change.Changed)
                {
                    changes.Add(new DocumentChange(key, []));
                }
            }
            else if (processed.Change == Change.Changed)
            {
                var what = DocumentChange.Between(new AnswerState(before.Answered, before.Supplements), answer);
                changes.Add(new DocumentChange(key, what));
                if (rechecking.Contains(key))
                {
                    recheckChanged++;
                }

                after = before with { Answered = answer.Answered, Supplements = answer.Supplements, LastChange = now, LastCheck = now, LastChanges = string.Join(",", what) };
            }
            else
            {
                after = before with { Answered = answer.Answered, Supplements = answer.Supplements };
            }

            lock (gate)
            {
                facts[key] = after;
            }

            return after;
        }

        private bool HasFacts(string key)
        {
            lock (gate)
            {
                return facts.ContainsKey(key);
            }
        }

        private void WriteAlertFiles()
        {
            foreach (var search in pipeline.SavedSearches)
            {
                try
                {
                    SavedSearchAlerts.WriteFiles(Path.Combine(data.Root, "alerts"), search, state.Alerts(search.Name));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The alerts are in the database; the next run writes the files again.
                    notes.Add($"alert files of {search.Name} could not be written: {e.Message}");
                }
            }
        }

        private void Count(string key, ImmutableArray<string> messages)
        {
            lock (gate)
            {
                warnings += messages.Length;
                foreach (var message in messages.Take(Math.Max(0, 50 - warningSamples.Count)))
                {
                    warningSamples.Add(new DocumentMessage(key, message));
                }
            }
        }

        private void Fail(string key, PipelineStage stage, string reason, bool transient)
        {
            lock (gate)
            {
                failures.Add(new DocumentFailure(key, stage.Name(), reason, transient));
            }
        }

        private StageMark Mark(string key, PipelineStage stage) => stages.TryGetValue(key, out var marks) ? marks[(int)stage] : default;

        // The input a stage has now for a key, given the raw file recorded for it (null when none is).
        private string? ExpectedInput(string key, PipelineStage stage) =>
            stage == PipelineStage.Fetch ? key
            : sources.TryGetValue(key, out var raw) ? InputHash(raw.RawHash, stage, versions)
            : null;

        // Attempts count the tries on the same input: a new input starts again at one.
        private int Attempts(string key, PipelineStage stage, string input) =>
            Mark(key, stage) is { Exists: true, SameInput: true, Status: not StageStatus.Done } row && string.Equals(input, ExpectedInput(key, stage), StringComparison.Ordinal)
                ? row.Attempts + 1
                : 1;
    }

    private enum Change
    {
        New,
        Changed,
        Reprocessed,
        Unchanged,
        KnownFailure,
    }

    private sealed record WorkItem(PlannedDocument Document, SourceRecord? Raw)
    {
        /// <summary>Processed as this change whatever the state says (a document fetched before re-checks existed).</summary>
        public Change? Forced { get; init; }

        /// <summary>Read with no other document at the same time (a suspect of an earlier death): a death now is its own.</summary>
        public bool Alone { get; init; }
    }

    /// <summary>A document on its way to the writer: the stages' result, or null when reading showed nothing changed.</summary>
    private sealed record Processed(string Key, Change Change, SourceRecord? Raw, DocumentProcessor.Result? Result)
    {
        /// <summary>Fetched from the site (not a local file): the re-check policy keeps facts about it.</summary>
        public bool Remote { get; init; }

        public static Processed Failed(string key, PipelineStage stage, string reason, bool transient) =>
            new(key, Change.Reprocessed, null, DocumentProcessor.Result.Failure(stage, reason, transient, []));
    }
}
