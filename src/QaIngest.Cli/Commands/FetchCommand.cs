using System.CommandLine;
using System.Globalization;
using QaIngest.Cli.Output;
using QaIngest.Extract;
using QaIngest.Fetch;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest fetch</c>: fetches written questions by link id or open-data id into the data folder
/// (raw files by SHA-256, a manifest row per fetch), with their annexes. Incremental: what did not
/// change is reported unchanged and its body is not downloaded again; a target whose last fetch
/// failed for good (404, 410, a refused redirect, …) is a known failure, not asked again until
/// <c>qaingest retry-failed</c>, as in a pipeline run.
/// </summary>
public static class FetchCommand
{
    public static Command Create()
    {
        var linkIds = new Option<int[]>("--link-id") { Description = "A permalink id (link?id=N); repeat for more.", AllowMultipleArgumentsPerToken = false };
        var linkIdsFile = new Option<string?>("--link-ids-file") { Description = "A file with one link id per line (# comments and blank lines ignored)." };
        var openDataIds = new Option<int[]>("--opendata-id") { Description = "An open-data question id (/e/opendata/schv/N); repeat for more." };
        var data = Options.Data();
        var format = Options.Format();
        var settings = new FetchSettings();
        var command = new Command("fetch", "Fetch written questions (and their annexes) by link id or open-data id; exit 1 when some failed. Targets whose last fetch failed for good are skipped as known failures until 'qaingest retry-failed'.")
        {
            linkIds, linkIdsFile, openDataIds, data, format,
        };
        foreach (var option in settings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var options = settings.Build(result, out var error);
            if (options is null)
            {
                return Task.FromResult(CommandLine.Fail(error!));
            }

            var targets = Targets(result.GetValue(linkIds) ?? [], result.GetValue(linkIdsFile), result.GetValue(openDataIds) ?? [], out error);
            return targets is null
                ? Task.FromResult(CommandLine.Fail(error!))
                : RunAsync(targets, options, result.GetValue(data)!, result.GetValue(format)!, cancellationToken);
        });
        return command;
    }

    private static List<FetchTarget>? Targets(int[] linkIds, string? file, int[] openDataIds, out string? error)
    {
        error = null;
        var targets = new List<FetchTarget>();
        foreach (var id in linkIds)
        {
            if (!LinkId.TryCreate(id, out var link))
            {
                error = $"--link-id {id}: a link id is a positive number";
                return null;
            }

            targets.Add(FetchTarget.Link(link));
        }

        if (file is not null)
        {
            var text = InputFile.ReadText(file, out error);
            if (text is null)
            {
                return null;
            }

            var lineNumber = 0;
            foreach (var raw in text.Split('\n'))
            {
                lineNumber++;
                var line = raw.Split('#')[0].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (!LinkId.TryParse(line, out var link))
                {
                    error = $"{file}:{lineNumber}: not a link id: {line}";
                    return null;
                }

                targets.Add(FetchTarget.Link(link));
            }
        }

        foreach (var id in openDataIds)
        {
            if (!OpenDataId.TryCreate(id, out var open))
            {
                error = $"--opendata-id {id}: an open-data id is a positive number";
                return null;
            }

            targets.Add(FetchTarget.OpenData(open));
        }

        if (targets.Count == 0)
        {
            error = "nothing to fetch: give --link-id, --link-ids-file or --opendata-id";
            return null;
        }

        return [.. targets.DistinctBy(t => t.Key)];
    }

    private static async Task<int> RunAsync(List<FetchTarget> targets, FetchOptions options, string data, string format, CancellationToken cancellationToken)
    {
        FetchSession session;
        try
        {
            session = FetchSession.Open(data, options, annexFinder: new ExtractingAnnexLinkFinder(new TextExtractor()));
        }
        catch (DataDirectoryLockedException e)
        {
            return CommandLine.Fail(e.Message, CommandLine.Locked);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CommandLine.Fail($"{data}: cannot open the data folder: {e.Message}");
        }

        using (session)
        {
            // Asking again about a 404, a 410 or a refused redirect cannot help: those are reported, not asked.
            var known = session.Manifest.KnownFailures(targets.Select(t => t.Key));
            var batch = await session.Fetcher.FetchAllAsync(targets.Where(t => !known.ContainsKey(t.Key)), null, cancellationToken).ConfigureAwait(false);
            var report = FetchReport.From(batch, targets.Where(t => known.ContainsKey(t.Key)).Select(t => known[t.Key]), session.DataRoot);
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(report));
            }
            else
            {
                Console.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"fetched {report.Fetched}, unchanged {report.Unchanged}, failed {report.Failed.Count}{(report.KnownFailures.Count > 0 ? $", known failures {report.KnownFailures.Count}" : "")}; annexes: fetched {report.Annexes.Fetched}, unchanged {report.Annexes.Unchanged}, failed {report.Annexes.Failed.Count} ({FetchSettings.Describe(options)}; data in {session.DataRoot})"));
                foreach (var failure in report.Failed.Concat(report.Annexes.Failed))
                {
                    Console.Out.WriteLine($"failed {failure.Target}: {failure.Reason}{(failure.Transient ? " (transient: asked again next time)" : "")}");
                }

                foreach (var failure in report.KnownFailures)
                {
                    Console.Out.WriteLine($"known failure {failure.Target}: {failure.Reason} (not asked again; 'qaingest retry-failed' puts it back)");
                }
            }

            return batch.AllArrived ? CommandLine.Ok : CommandLine.SomeFailed;
        }
    }
}
