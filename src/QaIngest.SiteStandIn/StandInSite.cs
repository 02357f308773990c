using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QaIngest.SiteStandIn;

/// <summary>
/// A loopback stand-in of the parliament's site on Kestrel: <c>link?id=</c> (redirects),
/// <c>pfile?id=</c> (files, with ETag/Last-Modified and 304s), <c>/e/opendata/schv/{id}</c>,
/// <c>/api/search/query/{query}</c> and an HTML page per question (<c>/schriftelijke-vragen/{id}</c>),
/// misbehaving on demand (<see cref="StandInOptions"/>) and logging every request. One instance
/// plays all three hosts; point every base URL of the client at <see cref="BaseUrl"/>.
/// </summary>
public sealed partial class StandInSite : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly StandInOptions options;
    private readonly FaultPlan faults;

    private StandInSite(WebApplication app, StandInOptions options, SiteCatalog catalog, Uri baseUrl)
    {
        this.app = app;
        this.options = options;
        Catalog = catalog;
        BaseUrl = baseUrl;
        faults = new FaultPlan(options);
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>, the port the server actually bound.</summary>
    public Uri BaseUrl { get; private set; }

    public SiteCatalog Catalog { get; }

    public RequestLog Log { get; } = new();

    public static async Task<StandInSite> StartAsync(StandInOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var catalog = SiteCatalog.Build(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var standIn = new StandInSite(app, options, catalog, new Uri("http://127.0.0.1/"));
        standIn.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication web)
    {
        web.Use(LogAndFaultAsync);
        web.MapGet("/link", LinkAsync);
        web.MapGet("/pfile", FileAsync);
        web.MapGet("/e/opendata/schv/{id:int}", OpenDataAsync);
        web.MapGet("/api/search/query/{**query}", SearchAsync);
        web.MapGet("/schriftelijke-vragen/{id:int}", PageAsync);
    }

    private async Task LogAndFaultAsync(HttpContext context, RequestDelegate next)
    {
        var started = options.Time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        Log.Enter();
        var request = context.Request;
        var fault = faults.Next(request.Path + request.QueryString);
        context.Items[nameof(TransientFault)] = fault;
        try
        {
            switch (fault)
            {
                case TransientFault.ServiceUnavailable:
                    context.Response.StatusCode = 503;
                    context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    return;
                case TransientFault.TooManyRequests:
                    // An HTTP date has whole seconds: round up so the wait is at least the configured one.
                    var now = options.Time.GetUtcNow();
                    var until = now.AddSeconds(options.RetryAfterSeconds).AddTicks(TimeSpan.TicksPerSecond - 1);
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = new DateTimeOffset(until.Ticks - until.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).ToString("R", CultureInfo.InvariantCulture);
                    return;
                case TransientFault.ConnectionReset:
                    context.Abort();
                    return;
                case TransientFault.Slow:
                    try
                    {
                        await Task.Delay(options.SlowDelay, options.Time, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    break;
            }

            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var aborted = context.RequestAborted.IsCancellationRequested || fault == TransientFault.ConnectionReset;
            var entry = new RequestLogEntry(
                started,
                request.Method,
                request.Path.ToString(),
                request.QueryString.ToString(),
                aborted ? 0 : context.Response.StatusCode,
                fault,
                context.Items.TryGetValue("bytes", out var bytes) ? (long)bytes! : 0,
                watch.Elapsed,
                request.Headers.UserAgent.ToString(),
                request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0);
            Log.Leave(entry);
            options.OnRequest?.Invoke(entry);
        }
    }

    // The day on the stand-in's clock: a document with versions is served as it is that day.
    private DateOnly Today => DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime);

    private bool TryDocument(IReadOnlyDictionary<int, SiteDocument> documents, int id, out SiteDocument document)
    {
        document = documents.TryGetValue(id, out var any) ? any.On(Today)! : null!;
        return document is not null;
    }

    private IResult LinkAsync(HttpContext context)
    {
        if (!TryId(context, out var id) || !TryDocument(Catalog.ByLinkId, id, out var document))
        {
            return Results.NotFound();
        }

        return Catalog.Faults.GetValueOrDefault(id, (PermanentFault)(-1)) switch
        {
            PermanentFault.ForeignRedirect => Results.Redirect($"https://elders.example.org/pfile?id={id}"),
            PermanentFault.ForeignPortRedirect => Results.Redirect($"http://127.0.0.1:{ForeignPort(context)}/pfile?id={id}"),
            _ when document.LandingPage && document.QuestionId is { } question => Results.Redirect($"/schriftelijke-vragen/{question}"),
            _ => Results.Redirect($"/pfile?id={id}"),
        };
    }

    // Another port of the same host: the next one (nothing answers there, or something else does: either way not the site).
    private static int ForeignPort(HttpContext context) => (context.Request.Host.Port ?? 80) % 65535 + 1;

    private async Task FileAsync(HttpContext context)
    {
        var response = context.Response;
        if (!TryId(context, out var id) || !TryDocument(Catalog.ByLinkId, id, out var document))
        {
            response.StatusCode = 404;
            return;
        }

        var fault = Catalog.Faults.TryGetValue(id, out var f) ? f : (PermanentFault?)null;
        switch (fault)
        {
            case PermanentFault.NotFound:
                response.StatusCode = 404;
                return;
            case PermanentFault.Gone:
                response.StatusCode = 410;
                return;
            case PermanentFault.RedirectLoop:
                response.Redirect($"/link?id={id}");
                return;
            case PermanentFault.Oversize:
                await WriteOversizeAsync(context).ConfigureAwait(false);
                return;
        }

        response.Headers.ETag = document.ETag;
        response.Headers.LastModified = document.LastModified.ToString("R", CultureInfo.InvariantCulture);
        var request = context.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(tag => tag.Tag.ToString() == document.ETag || tag.Tag == "*")
            : request.IfModifiedSince is { } since && document.LastModified <= since;
        if (notModified)
        {
            response.StatusCode = 304;
            return;
        }

        response.ContentType = fault == PermanentFault.WrongContentType
            ? (document.ContentType.StartsWith("application/pdf", StringComparison.Ordinal) ? "text/html; charset=utf-8" : "application/pdf")
            : document.ContentType;
        await WriteBodyAsync(context, document.Bytes).ConfigureAwait(false);
    }

    private async Task OpenDataAsync(HttpContext context, int id)
    {
        if (!TryDocument(Catalog.ByQuestionId, id, out var document))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var files = new[] { document.LinkId }.Concat(document.Annexes).Select(f => new Dictionary<string, object?> { ["URL"] = Url($"pfile?id={f}") });
        var json = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["vraagnummer"] = document.Number,
            ["titel"] = document.Title,
            ["onderwerp"] = document.Title,
            ["zittingsjaar"] = document.SessionYear,
            ["thema"] = document.Themes,
            ["vraagsteller"] = Person(document.Asker),
            ["minister"] = Person(document.Minister),
            ["procedureverloop"] = document.Procedure(Today).Select(p => new Dictionary<string, object?> { ["datum"] = Iso(p.Day), ["status"] = p.Status }).ToArray(),
            ["bestand-ordered"] = files,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await WriteBodyAsync(context, JsonSerializer.SerializeToUtf8Bytes(json)).ConfigureAwait(false);
    }

    private async Task SearchAsync(HttpContext context, string query)
    {
        var request = context.Request;
        var page = int.TryParse(request.Query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var max = int.TryParse(request.Query["max"], CultureInfo.InvariantCulture, out var m) && m > 0 ? Math.Min(m, 100) : 10;
        var decoded = Uri.UnescapeDataString(query);
        var today = Today;
        IEnumerable<SiteDocument> matches = Catalog.Questions.Where(d => d.On(today) is not null);
        if (DateRange().Match(decoded) is { Success: true } range)
        {
            var from = range.Groups["from"].Success ? DateOnly.ParseExact(range.Groups["from"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture) : DateOnly.MinValue;
            var to = range.Groups["to"].Success ? DateOnly.ParseExact(range.Groups["to"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture) : DateOnly.MaxValue;
            matches = matches.Where(d => d.Date >= from && d.Date <= to);
        }

        if (SessionYearQuery().Match(decoded) is { Success: true } session)
        {
            matches = matches.Where(d => d.SessionYear == session.Groups["year"].Value);
        }

        var all = matches.ToList();
        var results = all.Skip((page - 1) * max).Take(max).Select(d => new Dictionary<string, object?>
        {
            ["url"] = Url($"schriftelijke-vragen/{d.QuestionId}"),
            ["title"] = d.Title,
            ["metatags"] = new Dictionary<string, object?>
            {
                ["metatag"] = Tags(d).Select(t => new Dictionary<string, string> { ["name"] = t.Name, ["value"] = t.Value }).ToArray(),
            },
        });
        var json = new Dictionary<string, object?> { ["query"] = decoded, ["page"] = page, ["max"] = max, ["count"] = all.Count, ["result"] = results.ToArray() };
        context.Response.ContentType = "application/json; charset=utf-8";
        await WriteBodyAsync(context, JsonSerializer.SerializeToUtf8Bytes(json)).ConfigureAwait(false);
    }

    private async Task PageAsync(HttpContext context, int id)
    {
        if (!TryDocument(Catalog.ByQuestionId, id, out var document))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(document.Title ?? $"Schriftelijke vraag {id}"))
            .Append("</title></head>\n<body>\n<h1>").Append(WebUtility.HtmlEncode(document.Title ?? "")).Append("</h1>\n<dl>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Nummer</dt><dd>{document.Number}</dd><dt>Datum</dt><dd>{Iso(document.Date)}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Vraagsteller</dt><dd>{WebUtility.HtmlEncode(document.Asker ?? "")}</dd><dt>Minister</dt><dd>{WebUtility.HtmlEncode(document.Minister ?? "")}</dd></dl>\n")
            .Append("<h2>Documenten</h2>\n<ul>\n")
            .Append(CultureInfo.InvariantCulture, $"<li><a href=\"/pfile?id={document.LinkId}\">Vraag en antwoord</a></li>\n");
        foreach (var annex in document.Annexes)
        {
            var title = Catalog.ByLinkId.TryGetValue(annex, out var a) ? a.Title : null;
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/pfile?id={annex}\">{WebUtility.HtmlEncode(title ?? "Bijlage")}</a></li>\n");
        }

        html.Append("</ul>\n</body></html>\n");
        context.Response.ContentType = "text/html; charset=utf-8";
        await WriteBodyAsync(context, Encoding.UTF8.GetBytes(html.ToString())).ConfigureAwait(false);
    }

    private async Task WriteBodyAsync(HttpContext context, byte[] body)
    {
        var response = context.Response;
        response.ContentLength = body.Length;
        if (context.Items[nameof(TransientFault)] is TransientFault.TruncatedBody && body.Length > 1)
        {
            var half = body.Length / 2;
            await response.Body.WriteAsync(body.AsMemory(0, half)).ConfigureAwait(false);
            await response.Body.FlushAsync().ConfigureAwait(false);
            context.Items["bytes"] = (long)half;
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(body).ConfigureAwait(false);
        context.Items["bytes"] = (long)body.Length;
    }

    private async Task WriteOversizeAsync(HttpContext context)
    {
        context.Response.ContentType = "application/pdf";
        var chunk = new byte[64 * 1024];
        "%PDF-1.4\n"u8.CopyTo(chunk);
        long written = 0;
        try
        {
            while (written < options.OversizeBytes && !context.RequestAborted.IsCancellationRequested)
            {
                var size = (int)Math.Min(chunk.Length, options.OversizeBytes - written);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted).ConfigureAwait(false);
                written += size;
                chunk[0] = (byte)' ';
            }
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
        catch (IOException)
        {
        }

        context.Items["bytes"] = written;
    }

    private IEnumerable<(string Name, string Value)> Tags(SiteDocument d)
    {
        if (d.Number is { } number)
        {
            yield return ("nummer", number.ToString(CultureInfo.InvariantCulture));
        }

        if (d.Asker is { } asker)
        {
            yield return ("vraagsteller", asker);
        }

        if (d.Minister is { } minister)
        {
            yield return ("minister", minister);
        }

        yield return ("document", Url($"pfile?id={d.LinkId}"));
        yield return ("opendata", Url($"e/opendata/schv/{d.QuestionId}"));
        yield return ("publicatiedatum", Iso(d.Date));
        yield return ("zittingsjaar", d.SessionYear);
        foreach (var theme in d.Themes)
        {
            yield return ("thema", theme);
        }
    }

    private string Url(string relative) => new Uri(BaseUrl, relative).AbsoluteUri;

    private static Dictionary<string, string>? Person(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return new Dictionary<string, string> { ["voornaam"] = space < 0 ? "" : name[..space], ["naam"] = space < 0 ? name : name[(space + 1)..] };
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryId(HttpContext context, out int id) =>
        int.TryParse(context.Request.Query["id"], NumberStyles.None, CultureInfo.InvariantCulture, out id);

    [GeneratedRegex(@"inmeta:publicatiedatum:daterange:(?<from>\d{4}-\d{2}-\d{2})?\.\.(?<to>\d{4}-\d{2}-\d{2})?")]
    private static partial Regex DateRange();

    [GeneratedRegex(@"inmeta:zittingsjaar=(?<year>\d{4}-\d{4})")]
    private static partial Regex SessionYearQuery();
}
