using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QaIngest.Pipeline;
using QaIngest.Web.Pages;

namespace QaIngest.Web;

/// <summary>
/// <c>qaingest serve</c>: one Kestrel process over a data directory, read-only, with the search
/// pages and the JSON API. Every response carries a restrictive Content-Security-Policy.
/// </summary>
public static class WebServer
{
    /// <summary>The policy of every response: only this site's own stylesheet, script, images and forms; no frames, no plugins.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Builds the server (not started): <c>app.RunAsync()</c> serves until stopped.</summary>
    public static WebApplication Create(ServeOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(WebServer).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(o => Copy(PipelineJson.Indented, o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "QaIngest API";
            document.Info.Description = "The Flemish Parliament's written questions and answers, searchable, with their figures. Errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new IndexPool(options.DataDirectory, options.Readers, options.QueryTimeout, options.AdmissionAging));
        builder.Services.AddSingleton(_ => new CorpusReader(options.DataDirectory));
        builder.Services.AddSingleton(_ => new IndexGeneration(options.DataDirectory));
        builder.Services.AddSingleton(_ => new ResultCache(Math.Max(0, options.CacheMegabytes) * 1024L * 1024L));
        builder.Services.AddSingleton(s => new SearchService(options, s.GetRequiredService<IndexPool>(), s.GetRequiredService<IndexGeneration>(), options.CacheMegabytes > 0 ? s.GetRequiredService<ResultCache>() : null));

        // A search waits on a reader off the request's thread: with the pool's floor at the core count,
        // 20 clients arriving at once would wait for the pool to grow (one thread per 0.5 s) first.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            await next(context).ConfigureAwait(false);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        PageEndpoints.Map(app);
        ApiEndpoints.Map(app);
        return app;
    }

    private static void Copy(JsonSerializerOptions from, JsonSerializerOptions to)
    {
        to.PropertyNamingPolicy = from.PropertyNamingPolicy;
        to.WriteIndented = from.WriteIndented;
        to.Encoder = from.Encoder;
        foreach (var converter in from.Converters)
        {
            to.Converters.Add(converter);
        }
    }
}
