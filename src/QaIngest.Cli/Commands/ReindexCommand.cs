using System.CommandLine;
using QaIngest.Cli.Output;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest reindex</c>: rebuild the Lucene index of a data directory from its SQLite record, without parsing.</summary>
public static class ReindexCommand
{
    public static Command Create()
    {
        var data = Options.Data();
        var format = Options.Format();
        var command = new Command("reindex", "Rebuild the search index (DATA/index) from the record in DATA/qaingest.db, without parsing anything again; reports the rate.") { data, format };
        command.SetAction(r => Run(r.GetValue(data)!, r.GetValue(format)!));
        return command;
    }

    private static int Run(string data, string format)
    {
        if (!File.Exists(Path.Combine(data, QaIngest.Index.SearchIndex.FileName)))
        {
            return CommandLine.Fail($"no index in {data} (run 'qaingest index' or 'qaingest run' first)");
        }

        if (WritableIndex.Open(data, out var failure) is not { } writable)
        {
            return failure;
        }

        using (writable)
        {
            var index = writable.Index;
            var interactive = !Console.IsErrorRedirected;
            var figures = index.Reindex(done =>
            {
                if (interactive && done % 20_000 < 2_000)
                {
                    Console.Error.WriteLine($"reindexed {done:N0} documents");
                }
            });
            var peak = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
            var report = new { figures.Documents, figures.Items, figures.Seconds, figures.DocumentsPerSecond, PeakMemoryBytes = peak };
            Console.Out.WriteLine(format == "json"
                ? Json.Serialize(report)
                : $"reindexed {figures.Documents:N0} documents ({figures.Items:N0} items) in {figures.Seconds} s: {figures.DocumentsPerSecond:N0} documents/s; peak memory {peak / 1048576:N0} MB");
            return CommandLine.Ok;
        }
    }
}
