using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace QaIngest.Web;

/// <summary>
/// Says in a response's headers where its time went (<c>Server-Timing</c>: the search, the hits'
/// context from SQLite, the page's rendering, in milliseconds) and whether the search came from the
/// result cache (<c>X-Cache: hit|miss</c>), so a load test and a browser's developer tools can tell.
/// </summary>
internal static class ResponseTiming
{
    public static void Mark<T>(HttpContext context, SearchOutcome<T> outcome)
    {
        context.Response.Headers["X-Cache"] = outcome.Cached ? "hit" : "miss";
        Add(context, "search", outcome.Milliseconds);
    }

    public static void Add(HttpContext context, string name, double milliseconds) =>
        context.Response.Headers.Append("Server-Timing", string.Create(CultureInfo.InvariantCulture, $"{name};dur={milliseconds:0.###}"));
}
