using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using QaIngest.Cli.Output;
using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest bench parse</c>: single-thread parse throughput over the seed documents, repeated
/// until a few megabytes have been parsed. Prints the figures quoted in the README.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var seeds = new Option<string>("--seeds") { Description = "Folder of .txt documents to parse.", DefaultValueFactory = _ => "seeds" };
        var megabytes = new Option<int>("--megabytes") { Description = "How many MB of text to parse in the measured run.", DefaultValueFactory = _ => 16 };
        var format = new Option<string>("--format") { Description = "Output format: json or text.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        var parse = new Command("parse", "Measure parse throughput (MB/s, documents/s) on one thread.") { seeds, megabytes, format };
        parse.SetAction(r => Run(r.GetValue(seeds)!, r.GetValue(megabytes), r.GetValue(format)!, "parsed", text => QuestionParser.Parse(text).Success));
        var figures = new Command("figures", "Measure figure extraction throughput (MB/s) on one thread, on already parsed documents.") { seeds, megabytes, format };
        figures.SetAction(r => RunFigures(r.GetValue(seeds)!, r.GetValue(megabytes), r.GetValue(format)!));
        return new Command("bench", "Benchmarks that print the figures quoted in the README.") { parse, figures, BenchExtractCommand.Create(), BenchFetchCommand.Create(), BenchSearchCommand.Create(), BenchRunCommand.Create(), BenchServeCommand.Create() };
    }

    private static int RunFigures(string folder, int megabytes, string format)
    {
        // Parse once up front so that only figure extraction is measured.
        var parsed = new Dictionary<string, WrittenQuestion>(StringComparer.Ordinal);
        return Run(folder, megabytes, format, "extracted figures from", text =>
        {
            if (!parsed.TryGetValue(text, out var question))
            {
                parsed[text] = question = QuestionParser.Parse(text).Value!;
            }

            return FigureExtractor.Extract(question).Figures.Length >= 0;
        });
    }

    private static int Run(string folder, int megabytes, string format, string verb, Func<string, bool> work)
    {
        if (!Directory.Exists(folder))
        {
            return CommandLine.Fail($"{folder}: no such folder");
        }

        if (megabytes is < 1 or > 4096)
        {
            return CommandLine.Fail("--megabytes must be between 1 and 4096");
        }

        var documents = Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        if (documents.Length == 0)
        {
            return CommandLine.Fail($"{folder}: no .txt documents");
        }

        var sizes = documents.Select(d => Encoding.UTF8.GetByteCount(d)).ToArray();
        RunFor(documents, sizes, 16L * 1024 * 1024, work); // warm-up: tiered JIT and regex caches
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var (count, bytes, elapsed) = RunFor(documents, sizes, megabytes * 1024L * 1024, work);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var report = new ParseBenchReport(
            Documents: count,
            Megabytes: Math.Round(bytes / 1048576.0, 2),
            Seconds: Math.Round(elapsed.TotalSeconds, 3),
            MegabytesPerSecond: Math.Round(bytes / 1048576.0 / elapsed.TotalSeconds, 1),
            DocumentsPerSecond: Math.Round(count / elapsed.TotalSeconds, 0),
            AllocatedBytesPerDocument: allocated / count,
            Machine: $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
        Console.Out.WriteLine(format == "json"
            ? Json.Serialize(report)
            : $"{verb} {report.Documents:N0} documents ({report.Megabytes} MB) in {report.Seconds} s on one thread: "
              + $"{report.MegabytesPerSecond} MB/s, {report.DocumentsPerSecond:N0} documents/s, {report.AllocatedBytesPerDocument:N0} bytes allocated per document\n"
              + $"machine: {report.Machine}");
        return CommandLine.Ok;
    }

    private static (int Count, long Bytes, TimeSpan Elapsed) RunFor(string[] documents, int[] sizes, long targetBytes, Func<string, bool> work)
    {
        var count = 0;
        long bytes = 0;
        var watch = Stopwatch.StartNew();
        while (bytes < targetBytes)
        {
            var i = count % documents.Length;
            if (!work(documents[i]))
            {
                throw new InvalidOperationException($"document {i} failed");
            }

            bytes += sizes[i];
            count++;
        }

        return (count, bytes, watch.Elapsed);
    }

    private sealed record ParseBenchReport(
        int Documents,
        double Megabytes,
        double Seconds,
        double MegabytesPerSecond,
        double DocumentsPerSecond,
        long AllocatedBytesPerDocument,
        string Machine);
}
