using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace QaIngest.Fetch;

/// <summary>
/// Fetches written questions by link id, open-data id or document URL: resolves the link, follows
/// an HTML landing page to the documents it names, checks what arrived, stores the bytes in the
/// <see cref="RawStore"/> and records a manifest row per fetch; then fetches the question's annexes
/// and records them as its annexes. A failure is a row with its reason and the batch goes on.
/// Documents fetched before are asked for conditionally. Thread-safe.
/// </summary>
public sealed class DocumentFetcher
{
    /// <summary>
    /// The version of this stage's output for the same input: bump it when a change should make a
    /// pipeline redo the stage (and the stages after it) for every document, from the stored raw files.
    /// </summary>
    public const int StageVersion = 1;

    private readonly HttpGateway gateway;
    private readonly LinkResolver resolver;
    private readonly FetchResilience resilience;
    private readonly FetchOptions options;
    private readonly RawStore store;
    private readonly FetchManifest manifest;
    private readonly IAnnexLinkFinder annexFinder;
    private readonly TimeProvider time;

    public DocumentFetcher(HttpGateway gateway, FetchResilience resilience, FetchOptions options, RawStore store, FetchManifest manifest, IAnnexLinkFinder annexFinder, TimeProvider time)
    {
        this.gateway = gateway;
        this.resilience = resilience;
        this.options = options.Validate();
        this.store = store;
        this.manifest = manifest;
        this.annexFinder = annexFinder;
        this.time = time;
        resolver = new LinkResolver(gateway, options, ValidatorsFor);
    }

    public LinkResolver Resolver => resolver;

    /// <summary>Fetches every target (at most <see cref="FetchOptions.MaxDocumentsInFlight"/> at once) and their annexes, each annex once.</summary>
    public async Task<FetchBatchReport> FetchAllAsync(IEnumerable<FetchTarget> targets, IProgress<FetchOutcome>? progress = null, CancellationToken cancellationToken = default)
    {
        var list = targets.ToList();
        var batch = new Batch(progress);
        var results = new FetchOutcome[list.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, list.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDocumentsInFlight, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await FetchTargetAsync(list[i], batch, token).ConfigureAwait(false)).ConfigureAwait(false);
        return new FetchBatchReport([.. results], [.. batch.Annexes.OrderBy(a => a.Target, StringComparer.Ordinal)]);
    }

    /// <summary>Fetches one target and its annexes; the outcome is the target's document.</summary>
    public async Task<FetchOutcome> FetchAsync(FetchTarget target, CancellationToken cancellationToken = default) =>
        (await FetchAllAsync([target], null, cancellationToken).ConfigureAwait(false)).Documents[0];

    private async Task<FetchOutcome> FetchTargetAsync(FetchTarget target, Batch batch, CancellationToken cancellationToken)
    {
        if (target.LinkId is { } link && target.Url is null)
        {
            batch.Claim(link);
            return await FetchDocumentAsync(target, resolver.LinkUrl(link), FetchRole.Document, null, batch, new AttemptCounter(), allowLanding: true, cancellationToken).ConfigureAwait(false);
        }

        if (target.Url is { } url)
        {
            return await FetchDocumentAsync(target, url, FetchRole.Document, null, batch, new AttemptCounter(), allowLanding: true, cancellationToken).ConfigureAwait(false);
        }

        return await FetchOpenDataAsync(target, target.OpenDataId!.Value, batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FetchOutcome> FetchOpenDataAsync(FetchTarget target, OpenDataId id, Batch batch, CancellationToken cancellationToken)
    {
        var url = new Uri(options.ApiBaseUrl, $"e/opendata/schv/{id}");
        var attempts = new AttemptCounter();
        ImmutableArray<Uri> files;
        Uri listedAt = url;
        try
        {
            files = await resilience.Document.ExecuteAsync(
                async token =>
                {
                    var resolved = await resolver.FollowAsync(url, "application/json", attempts, token).ConfigureAwait(false);
                    var response = resolved.Response;
                    if (!response.IsSuccess)
                    {
                        throw new FetchFailedException($"open data: HTTP {response.StatusCode} for question {id}", response.StatusCode);
                    }

                    listedAt = resolved.FinalUrl;
                    return OpenDataFiles(response, resolved.FinalUrl);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Reason(e, cancellationToken) is { } reason)
        {
            var failed = new FetchOutcome
            {
                Target = target.Key,
                OpenDataId = id,
                RequestedUrl = url,
                FetchedAt = time.GetUtcNow(),
                Attempts = attempts.Count,
                Status = FetchStatus.Failed,
                FailureReason = reason,
                Transient = IsTransient(e),
            };
            manifest.Record(failed);
            batch.Report(failed);
            return failed;
        }

        var document = await FetchDocumentAsync(target, files[0], FetchRole.Document, null, batch, new AttemptCounter(), allowLanding: true, cancellationToken, referrer: listedAt).ConfigureAwait(false);
        await FetchAnnexesAsync(target.Key, [.. files.Skip(1).Select(f => (FetchTarget.LinkIdIn(f), (string?)null, (Uri?)f))], batch, cancellationToken, referrer: listedAt).ConfigureAwait(false);
        return document;
    }

    private static ImmutableArray<Uri> OpenDataFiles(HttpExchange response, Uri baseUrl)
    {
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            var files = new List<Uri>();
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (!property.NameEquals("bestand-ordered") || property.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var file in property.Value.EnumerateArray())
                {
                    var href = file.ValueKind == JsonValueKind.String ? file.GetString()
                        : file.EnumerateObject().FirstOrDefault(p => p.Name.Equals("url", StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value ? value.GetString()
                        : null;
                    if (href is not null && Uri.TryCreate(baseUrl, href, out var url))
                    {
                        files.Add(url);
                    }
                }
            }

            return files.Count > 0 ? [.. files] : throw new FetchFailedException("open data: the question lists no files (bestand-ordered is empty)");
        }
        catch (JsonException e)
        {
            throw new FetchFailedException($"open data: not JSON ({e.Message})");
        }
    }

    private async Task<FetchOutcome> FetchDocumentAsync(
        FetchTarget target, Uri url, FetchRole role, string? annexOf, Batch batch, AttemptCounter attempts, bool allowLanding, CancellationToken cancellationToken, Uri? referrer = null)
    {
        var outcome = new FetchOutcome
        {
            Target = target.Key,
            LinkId = target.LinkId ?? FetchTarget.LinkIdIn(url),
            OpenDataId = target.OpenDataId,
            Role = role,
            AnnexOf = annexOf,
            RequestedUrl = url,
            FetchedAt = time.GetUtcNow(),
        };

        Step step;
        try
        {
            step = await resilience.Document.ExecuteAsync(
                async token => await FetchOnceAsync(outcome, url, attempts, allowLanding, referrer, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Reason(e, cancellationToken) is { } reason)
        {
            step = new Step(outcome with { Status = FetchStatus.Failed, FailureReason = reason, Transient = IsTransient(e), HttpStatus = (e as FetchFailedException)?.StatusCode }, null, [], null);
        }

        if (!step.LandingLinks.IsEmpty)
        {
            // The page names the files: the first is the question's document, the others its annexes.
            var document = await FetchDocumentAsync(target, step.LandingLinks[0], role, annexOf, batch, attempts, allowLanding: false, cancellationToken, step.Page).ConfigureAwait(false);
            if (role == FetchRole.Document)
            {
                await FetchAnnexesAsync(target.Key, [.. step.LandingLinks.Skip(1).Select(l => (FetchTarget.LinkIdIn(l), (string?)null, (Uri?)l))], batch, cancellationToken, step.Page).ConfigureAwait(false);
            }

            return document;
        }

        var recorded = step.Outcome with { Attempts = attempts.Count };
        manifest.Record(recorded);
        if (role == FetchRole.Annex)
        {
            batch.Annexes.Add(recorded);
        }

        batch.Report(recorded);
        if (role == FetchRole.Document && step.Document is { } fetched)
        {
            var annexes = await annexFinder.FindAsync(fetched, cancellationToken).ConfigureAwait(false);
            await FetchAnnexesAsync(target.Key, [.. annexes.Select(a => ((LinkId?)a.LinkId, a.Title, (Uri?)null))], batch, cancellationToken).ConfigureAwait(false);
        }

        return recorded;
    }

    private async Task FetchAnnexesAsync(string question, ImmutableArray<(LinkId? LinkId, string? Title, Uri? Url)> annexes, Batch batch, CancellationToken cancellationToken, Uri? referrer = null)
    {
        foreach (var (linkId, title, url) in annexes)
        {
            if (linkId is { } id)
            {
                manifest.RecordAnnex(question, id, title);
                if (!batch.Claim(id))
                {
                    continue;
                }
            }

            var target = url is null ? FetchTarget.Link(linkId!.Value) : FetchTarget.Document(url);
            await FetchDocumentAsync(target, url ?? resolver.LinkUrl(linkId!.Value), FetchRole.Annex, question, batch, new AttemptCounter(), allowLanding: false, cancellationToken, url is null ? null : referrer).ConfigureAwait(false);
        }
    }

    private async Task<Step> FetchOnceAsync(FetchOutcome outcome, Uri url, AttemptCounter attempts, bool allowLanding, Uri? referrer, CancellationToken cancellationToken)
    {
        // A link found on a page (landing page, open-data list) is held to the same rule as a redirect.
        if (referrer is not null && options.RefuseToFollow(referrer, url) is { } refused)
        {
            throw new FetchFailedException($"link refused: {refused} (from {referrer.PathAndQuery})");
        }

        var resolved = await resolver.FollowAsync(url, LinkResolver.DocumentAccept, attempts, cancellationToken).ConfigureAwait(false);
        var response = resolved.Response;
        outcome = outcome with
        {
            FinalUrl = resolved.FinalUrl,
            HttpStatus = response.StatusCode,
            ContentType = response.ContentType,
            ETag = response.ETag,
            LastModified = response.LastModified,
            FetchedAt = time.GetUtcNow(),
        };

        if (response.IsNotModified)
        {
            var stored = manifest.LatestStored(resolved.FinalUrl) ?? throw new FetchFailedException("HTTP 304 without a stored version", 304);
            var bytes = store.TryRead(Path.Combine(Path.GetDirectoryName(store.Root)!, stored.RawPath));
            return new Step(
                outcome with
                {
                    Status = FetchStatus.Unchanged,
                    ContentType = stored.ContentType,
                    Format = stored.Format,
                    Size = stored.Size,
                    Sha256 = stored.Sha256,
                    ETag = response.ETag ?? stored.ETag,
                    LastModified = response.LastModified ?? stored.LastModified,
                    RawPath = stored.RawPath,
                },
                bytes is null ? null : new FetchedDocument(resolved.FinalUrl, stored.Format, bytes),
                [],
                null);
        }

        if (!response.IsSuccess)
        {
            var retried = FetchResilience.IsTransient(Polly.Outcome.FromResult(response)) ? $" after {attempts.Count} attempts" : "";
            throw new FetchFailedException($"HTTP {response.StatusCode}{retried} from {resolved.FinalUrl.PathAndQuery}", response.StatusCode);
        }

        var sniff = ContentSniffer.Sniff(response.Body.Span, response.ContentType);
        if (!sniff.Accepted)
        {
            throw new FetchFailedException(sniff.Problem!, response.StatusCode);
        }

        if (sniff.Format == FileFormat.Html && allowLanding && LandingPage.DocumentLinks(response.Body.Span, resolved.FinalUrl) is { IsEmpty: false } links)
        {
            return new Step(outcome, null, links, resolved.FinalUrl);
        }

        var sha = RawStore.Sha256Hex(response.Body.Span);
        var previous = manifest.LatestStored(resolved.FinalUrl);
        string path;
        try
        {
            (path, _) = store.Store(response.Body.Span, sha, sniff.Extension);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not a network error of this document: the disk is full or read-only for all of them.
            throw new StorageFailedException($"cannot store a fetched file in {store.Root}: {e.Message}", e);
        }

        return new Step(
            outcome with
            {
                Status = previous?.Sha256 == sha ? FetchStatus.Unchanged : FetchStatus.Fetched,
                Format = sniff.Format,
                Size = response.Body.Length,
                Sha256 = sha,
                RawPath = Path.GetRelativePath(Path.GetDirectoryName(store.Root)!, path).Replace('\\', '/'),
            },
            new FetchedDocument(resolved.FinalUrl, sniff.Format, response.Body),
            [],
            null);
    }

    // A conditional request only makes sense while the bytes it would leave us with are still stored.
    private RequestValidators? ValidatorsFor(Uri url)
    {
        var stored = manifest.LatestStored(url);
        if (stored is null || (stored.ETag is null && stored.LastModified is null)
            || !File.Exists(Path.Combine(Path.GetDirectoryName(store.Root)!, stored.RawPath)))
        {
            return null;
        }

        return new RequestValidators(stored.ETag, stored.LastModified);
    }

    private string? Reason(Exception e, CancellationToken cancellationToken) => e switch
    {
        _ when cancellationToken.IsCancellationRequested => null,
        FetchFailedException failed => failed.Reason,
        TimeoutRejectedException => $"timed out (attempt time-out {options.AttemptTimeout.TotalSeconds:0.###} s, total {options.TotalTimeout.TotalSeconds:0.###} s)",
        BrokenCircuitException => "circuit open: the host failed repeatedly; try again later",
        HttpRequestException or IOException => $"network error: {e.Message}",
        OperationCanceledException => "cancelled",
        _ => null,
    };

    private sealed record Step(FetchOutcome Outcome, FetchedDocument? Document, ImmutableArray<Uri> LandingLinks, Uri? Page);

    /// <summary>
    /// Whether retrying may cure a failure: time-outs, network errors (resets), an open circuit, and
    /// HTTP 408/425/429/5xx after the retries ran out. Everything else (404, 410, a refused or looping
    /// redirect, an oversize body, a refused content type) stays as it is however often it is asked.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        FetchFailedException failed => failed.Transient,
        _ => true,
    };

    private sealed class Batch(IProgress<FetchOutcome>? progress)
    {
        private readonly ConcurrentDictionary<int, byte> claimed = new();

        public ConcurrentBag<FetchOutcome> Annexes { get; } = [];

        /// <summary>True the first time a link id is claimed in this batch.</summary>
        public bool Claim(LinkId id) => claimed.TryAdd(id.Value, 0);

        public void Report(FetchOutcome outcome) => progress?.Report(outcome);
    }
}
