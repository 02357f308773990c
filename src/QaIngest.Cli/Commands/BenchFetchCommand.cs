using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using QaIngest.Cli.Output;
using QaIngest.Fetch;
using QaIngest.SiteStandIn;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest bench fetch</c>: fetches N synthetic documents from an in-process stand-in on
/// loopback with politeness off, into a temporary data folder, and prints documents/s, CPU time
/// per MB and the peak working set. The stand-in runs in the same process, so its CPU time is in
/// the figure too (it is the smaller part: it serves prepared bytes).
/// </summary>
public static class BenchFetchCommand
{
    private const int WarmUp = 10;

    public static Command Create()
    {
        var documents = new Option<int>("--documents") { Description = "Synthetic documents to fetch.", DefaultValueFactory = _ => 1000 };
        var seeds = new Option<string>("--seeds") { Description = "Folder of seed texts the synthetic documents are built from.", DefaultValueFactory = _ => "seeds" };
        var inFlight = new Option<int>("--documents-in-flight") { Description = "Documents fetched at once.", DefaultValueFactory = _ => 16 };
        var format = Options.Format();
        var command = new Command("fetch", "Measure fetching (documents/s, CPU time per MB, peak memory) against an in-process stand-in, politeness off.")
        {
            documents, seeds, inFlight, format,
        };
        command.SetAction((r, ct) => RunAsync(r.GetValue(documents), r.GetValue(seeds)!, r.GetValue(inFlight), r.GetValue(format)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(int count, string seeds, int inFlight, string format, CancellationToken cancellationToken)
    {
        if (count is < 1 or > 49_990)
        {
            return CommandLine.Fail("--documents must be between 1 and 49990 (the stand-in serves at most 50,000 synthetic questions, 10 of them for the warm-up)");
        }

        if (!Directory.Exists(seeds))
        {
            return CommandLine.Fail($"{seeds}: no such folder");
        }

        var data = Directory.CreateTempSubdirectory("qaingest-bench-fetch-").FullName;
        try
        {
            await using var standIn = await StandInSite.StartAsync(new StandInOptions { Synthetic = count + WarmUp, SeedsDirectory = seeds }, cancellationToken).ConfigureAwait(false);
            var options = new FetchOptions { PolitenessEnabled = false, MaxDocumentsInFlight = inFlight }.WithBaseUrl(standIn.BaseUrl);
            var targets = Enumerable.Range(900_001, count + WarmUp).Select(id => FetchTarget.Link(LinkId.Create(id))).ToList();
            using var session = FetchSession.Open(data, options);

            // Warm-up on documents of their own (JIT, connection pool, SQLite); not counted.
            await session.Fetcher.FetchAllAsync(targets.Skip(count), null, cancellationToken).ConfigureAwait(false);

            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var batch = await session.Fetcher.FetchAllAsync(targets.Take(count), null, cancellationToken).ConfigureAwait(false);
            watch.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var measured = batch.Documents.Concat(batch.Annexes).Where(o => o.Status != FetchStatus.Failed).ToList();
            var bytes = measured.Sum(o => o.Size ?? 0);
            var megabytes = bytes / 1048576.0;
            var report = new FetchBenchReport(
                Documents: batch.Documents.Length,
                Annexes: batch.Annexes.Length,
                Failed: batch.Failed.Length + batch.FailedAnnexes.Length,
                Megabytes: Math.Round(megabytes, 2),
                Seconds: Math.Round(watch.Elapsed.TotalSeconds, 3),
                DocumentsPerSecond: Math.Round(batch.Documents.Length / watch.Elapsed.TotalSeconds, 1),
                MegabytesPerSecond: Math.Round(megabytes / watch.Elapsed.TotalSeconds, 2),
                CpuMillisecondsPerMegabyte: Math.Round(cpu.TotalMilliseconds / megabytes, 0),
                CpuMillisecondsPerDocument: Math.Round(cpu.TotalMilliseconds / batch.Documents.Length, 2),
                PeakWorkingSetMegabytes: Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
                Machine: $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
            Console.Out.WriteLine(format == "json"
                ? Json.Serialize(report)
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"fetched {report.Documents:N0} documents and {report.Annexes:N0} annexes ({report.Megabytes} MB, {report.Failed} failed) in {report.Seconds} s, politeness off: "
                    + $"{report.DocumentsPerSecond} documents/s, {report.MegabytesPerSecond} MB/s, {report.CpuMillisecondsPerMegabyte} ms CPU per MB ({report.CpuMillisecondsPerDocument} ms per document, stand-in included), "
                    + $"peak working set {report.PeakWorkingSetMegabytes} MB\nmachine: {report.Machine}"));
            return report.Failed == 0 ? CommandLine.Ok : CommandLine.SomeFailed;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record FetchBenchReport(
        int Documents,
        int Annexes,
        int Failed,
        double Megabytes,
        double Seconds,
        double DocumentsPerSecond,
        double MegabytesPerSecond,
        double CpuMillisecondsPerMegabyte,
        double CpuMillisecondsPerDocument,
        double PeakWorkingSetMegabytes,
        string Machine);
}
