using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using QaIngest.SiteStandIn;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest standin</c>: runs the loopback stand-in of the parliament's site until Ctrl+C, printing every request.</summary>
public static class StandInCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 0 };
        var synthetic = new Option<int>("--synthetic") { Description = "Generated written questions, link ids 900001 to 900000+N.", DefaultValueFactory = _ => 0 };
        var faultRate = new Option<double>("--fault-rate") { Description = "Share of requests that fail transiently (503/429 with Retry-After, reset, slow, truncated).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fault plan (same seed, same faults).", DefaultValueFactory = _ => 1 };
        var faults = new Option<string[]>("--fault") { Description = "A permanent fault ID=KIND (not-found, redirect-loop, foreign-redirect, wrong-content-type, oversize); repeat for more." };
        var corpus = new Option<string>("--corpus") { Description = "Folder with standin.json and the documents it names.", DefaultValueFactory = _ => "corpus" };
        var seeds = new Option<string>("--seeds") { Description = "Folder of seed texts for synthetic documents.", DefaultValueFactory = _ => "seeds" };
        var quiet = new Option<bool>("--quiet") { Description = "Do not print the request log." };
        var timeline = new Option<string?>("--timeline") { Description = "Folder with timeline.json: questions whose file changes on given days (corpus/timeline: answered later, supplemented, corrected in place)." };
        var day = new Option<string?>("--day") { Description = "The stand-in's clock starts on this day (yyyy-MM-dd, at the current time of day) and runs on from there; timeline documents are served as they are that day." };
        var command = new Command("standin", "Run the loopback stand-in of the parliament's site (link?id=, pfile?id=, open data, search API, question pages).")
        {
            port, synthetic, faultRate, seed, faults, corpus, seeds, quiet, timeline, day,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var permanent = ImmutableDictionary.CreateBuilder<int, PermanentFault>();
            foreach (var fault in result.GetValue(faults) ?? [])
            {
                var parts = fault.Split('=', 2);
                if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0
                    || !Enum.TryParse<PermanentFault>(parts[1].Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var kind))
                {
                    return CommandLine.Fail($"--fault {fault}: expected ID=KIND with KIND one of not-found, redirect-loop, foreign-redirect, wrong-content-type, oversize");
                }

                permanent[id] = kind;
            }

            var time = TimeProvider.System;
            if (result.GetValue(day) is { } dayText)
            {
                if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                {
                    return CommandLine.Fail($"--day {dayText}: a date as yyyy-MM-dd");
                }

                var now = DateTimeOffset.UtcNow;
                time = new ShiftedClock(start.ToDateTime(TimeOnly.FromTimeSpan(now.TimeOfDay)) - now.UtcDateTime);
            }

            var print = !result.GetValue(quiet);
            var options = new StandInOptions
            {
                Port = result.GetValue(port),
                Synthetic = result.GetValue(synthetic),
                FaultRate = result.GetValue(faultRate),
                Seed = result.GetValue(seed),
                PermanentFaults = permanent.ToImmutable(),
                CorpusDirectory = result.GetValue(corpus) is { Length: > 0 } c ? c : null,
                SeedsDirectory = result.GetValue(seeds),
                TimelineDirectory = result.GetValue(timeline),
                Time = time,
                OnRequest = print ? entry => Console.Out.WriteLine(entry.ToString()) : null,
            };

            StandInSite standIn;
            try
            {
                standIn = await StandInSite.StartAsync(options.Validate(), cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                return CommandLine.Fail(e.Message);
            }
            catch (IOException e)
            {
                return CommandLine.Fail($"cannot listen on port {options.Port}: {e.Message}");
            }

            await using (standIn)
            {
                Console.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"stand-in listening on {standIn.BaseUrl} ({standIn.Catalog.Documents.Length} files, {standIn.Catalog.Questions.Count()} questions, fault rate {options.FaultRate}, seed {options.Seed}, its day {time.GetUtcNow():yyyy-MM-dd}); Ctrl+C stops it"));
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return CommandLine.Ok;
        });
        return command;
    }

    /// <summary>The system's clock moved by a fixed offset: the stand-in lives on another day and time still passes.</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
