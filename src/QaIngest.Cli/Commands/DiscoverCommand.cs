using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaIngest.Cli.Output;
using QaIngest.Fetch;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest discover --from DATE --to DATE</c> (or <c>--session-year</c>): lists the written questions the search API knows, every page.</summary>
public static class DiscoverCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "First publication date (yyyy-MM-dd)." };
        var to = new Option<string?>("--to") { Description = "Last publication date (yyyy-MM-dd)." };
        var sessionYear = new Option<string?>("--session-year") { Description = "A session year such as 2023-2024 instead of dates." };
        var format = Options.Format();
        var settings = new FetchSettings();
        var command = new Command("discover", "List written questions published in a date range or session year (ids, numbers, dates, askers, ministers, document URLs).")
        {
            from, to, sessionYear, format,
        };
        foreach (var option in settings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var options = settings.Build(result, out var error);
            var query = options is null ? null : Query(result.GetValue(from), result.GetValue(to), result.GetValue(sessionYear), out error);
            return query is null
                ? Task.FromResult(CommandLine.Fail(error!))
                : RunAsync(query, options!, result.GetValue(format)!, cancellationToken);
        });
        return command;
    }

    private static SearchQuery? Query(string? from, string? to, string? sessionYear, out string? error)
    {
        error = null;
        try
        {
            if (sessionYear is not null)
            {
                return from is null && to is null ? SearchQuery.SessionYear(sessionYear) : throw new ArgumentException("give --session-year or --from/--to, not both");
            }

            if (from is null || to is null)
            {
                throw new ArgumentException("give --from and --to (yyyy-MM-dd), or --session-year");
            }

            return SearchQuery.PublishedBetween(Date("--from", from), Date("--to", to));
        }
        catch (ArgumentException e)
        {
            error = e.Message.Split(" (Parameter", 2)[0];
            return null;
        }
    }

    private static DateOnly Date(string name, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArgumentException($"{name}: not a date (yyyy-MM-dd): {text}");

    private static async Task<int> RunAsync(SearchQuery query, FetchOptions options, string format, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddQaIngestFetch(options).BuildServiceProvider();
        var search = services.GetRequiredService<ParliamentSearchClient>();
        try
        {
            var found = await search.DiscoverAsync(query, cancellationToken).ConfigureAwait(false);
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(new { query = query.Expression, count = found.Length, questions = found }));
            }
            else
            {
                foreach (var q in found)
                {
                    Console.Out.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{q.Id?.ToString() ?? "-",8}  nr. {q.Number?.ToString(CultureInfo.InvariantCulture) ?? "-",-5} {q.Date:yyyy-MM-dd}  {q.Asker} -> {q.Minister}: {q.Title}  {string.Join(' ', q.Documents)}"));
                }

                Console.Out.WriteLine($"{found.Length} written questions");
            }

            return CommandLine.Ok;
        }
        catch (Exception e) when (e is FetchFailedException or HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return CommandLine.Fail($"discover: {e.Message}", CommandLine.SomeFailed);
        }
    }
}
