using System.CommandLine;
using System.Diagnostics;
using QaIngest.Cli.Output;
using QaIngest.Extract;
using QaIngest.Tables;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest bench extract</c>: per PDF, the whole extraction with PdfPig in process next to the
/// whole extraction with poppler (pdftotext, layout reading, paragraphs), and PdfPig's extraction
/// followed by table detection (<see cref="PdfTableReader"/>, as the pipeline runs it), warm, in one
/// run and alternating, with the time ratios, the managed allocation of each, whether both engines
/// gave the same text, and the process's peak memory.
/// </summary>
public static class BenchExtractCommand
{
    public static Command Create()
    {
        var folder = new Option<string>("--files") { Description = "Folder searched for .pdf files.", DefaultValueFactory = _ => "corpus" };
        var runs = new Option<int>("--runs") { Description = "Measured runs per file and engine; the median is reported.", DefaultValueFactory = _ => 9 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured rounds over every file and engine first, so both run warm (JIT tiers settled).", DefaultValueFactory = _ => 5 };
        var pdfToText = new Option<string>("--pdftotext") { Description = "poppler's pdftotext.", DefaultValueFactory = _ => "pdftotext" };
        var format = Options.Format();
        var command = new Command("extract", "Measure PDF extraction per page with PdfPig (in process), PdfPig with table detection, and poppler (pdftotext), side by side.") { folder, runs, warmup, pdfToText, format };
        command.SetAction((r, ct) => Run(r.GetValue(folder)!, r.GetValue(runs), r.GetValue(warmup), r.GetValue(pdfToText)!, r.GetValue(format)!, ct));
        return command;
    }

    private static async Task<int> Run(string folder, int runs, int warmup, string pdfToText, string format, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return CommandLine.Fail($"{folder}: no such folder");
        }

        if (runs is < 1 or > 1000)
        {
            return CommandLine.Fail("--runs must be between 1 and 1000");
        }

        if (warmup is < 0 or > 1000)
        {
            return CommandLine.Fail("--warmup must be between 0 and 1000");
        }

        var files = Directory.EnumerateFiles(folder, "*.pdf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return CommandLine.Fail($"{folder}: no .pdf files");
        }

        // No fallback for the PdfPig column: it measures PdfPig alone.
        var timeout = TimeSpan.FromSeconds(60);
        var pig = new PdfTextExtractor(new PdfTextExtractorOptions { PdfToTextPath = null, Timeout = timeout });
        var poppler = new PopplerTextReader(pdfToText, timeout);
        for (var round = 0; round < warmup; round++)
        {
            foreach (var file in files)
            {
                var warm = await pig.ExtractAsync(await File.ReadAllBytesAsync(file, cancellationToken), cancellationToken);
                PdfTableReader.Read(warm.Value?.Pages ?? []);
                await poppler.ExtractFileAsync(Path.GetFullPath(file), cancellationToken);
            }
        }

        var rows = new List<Row>();
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var fullPath = Path.GetFullPath(file);
            var first = await pig.ExtractAsync(bytes, cancellationToken);
            var reference = await poppler.ExtractFileAsync(fullPath, cancellationToken);
            if (!first.Success)
            {
                return CommandLine.Fail($"{file}: PdfPig: {first.Error}");
            }

            if (!reference.Success)
            {
                return CommandLine.Fail($"{file}: poppler: {reference.Error}");
            }

            var pigTimes = new List<double>();
            var popplerTimes = new List<double>();
            var tableTimes = new List<double>();
            var detectTimes = new List<double>();
            long pigBytes = 0, popplerBytes = 0;
            var tables = 0;
            for (var i = 0; i < runs; i++)
            {
                // Alternating, so a burst of load on the machine falls on both engines alike.
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                await pig.ExtractAsync(bytes, cancellationToken);
                pigTimes.Add(watch.Elapsed.TotalMilliseconds);
                pigBytes += GC.GetTotalAllocatedBytes(precise: true) - allocated;

                allocated = GC.GetTotalAllocatedBytes(precise: true);
                watch.Restart();
                await poppler.ExtractFileAsync(fullPath, cancellationToken);
                popplerTimes.Add(watch.Elapsed.TotalMilliseconds);
                popplerBytes += GC.GetTotalAllocatedBytes(precise: true) - allocated;

                // The same extraction with the pipeline's table detection after it.
                watch.Restart();
                var withTables = await pig.ExtractAsync(bytes, cancellationToken);
                tables = PdfTableReader.Read(withTables.Value?.Pages ?? []).Length;
                tableTimes.Add(watch.Elapsed.TotalMilliseconds);

                // The detection alone on the pages already read: its cost without PdfPig's noise around it.
                watch.Restart();
                PdfTableReader.Read(first.Value.Pages);
                detectTimes.Add(watch.Elapsed.TotalMilliseconds);
            }

            rows.Add(new Row(
                Path.GetRelativePath(folder, file),
                first.Value.PageCount,
                Math.Round(Median(pigTimes), 2),
                Math.Round(Median(popplerTimes), 2),
                Math.Round(Median(tableTimes), 2),
                tables,
                Math.Round(Median(detectTimes), 3),
                Math.Round(pigBytes / (double)runs / (1 << 20), 2),
                Math.Round(popplerBytes / (double)runs / (1 << 20), 2),
                first.Value.Text == reference.Value.Text));
        }

        var pages = rows.Sum(r => r.Pages);
        var pigMs = rows.Sum(r => r.PdfPigMs);
        var popplerMs = rows.Sum(r => r.PopplerMs);
        var tablesMs = rows.Sum(r => r.PdfPigWithTablesMs);
        var detectMs = rows.Sum(r => r.DetectionMs);
        var report = new Report(
            rows,
            pages,
            Math.Round(pigMs, 1),
            Math.Round(popplerMs, 1),
            Math.Round(pigMs / pages, 2),
            Math.Round(popplerMs / pages, 2),
            Math.Round(pigMs / popplerMs, 2),
            Math.Round(tablesMs, 1),
            Math.Round(tablesMs / pigMs, 2),
            rows.Sum(r => r.Tables),
            Math.Round(detectMs, 2),
            Math.Round((pigMs + detectMs) / pigMs, 3),
            rows.All(r => r.SameText),
            Environment.ProcessorCount,
            Process.GetCurrentProcess().PeakWorkingSet64,
            runs,
            warmup);
        if (format == "json")
        {
            Console.Out.WriteLine(Json.Serialize(report));
        }
        else
        {
            foreach (var r in rows)
            {
                Console.Out.WriteLine(
                    $"{r.File,-40} {r.Pages,3} pages  pdfpig {r.PdfPigMs,7:0.00} ms {r.PdfPigAllocatedMb,6:0.0} MB  poppler {r.PopplerMs,7:0.00} ms {r.PopplerAllocatedMb,6:0.0} MB  ratio {r.PdfPigMs / r.PopplerMs:0.00}  with tables {r.PdfPigWithTablesMs,7:0.00} ms ({r.Tables} tables, ×{r.PdfPigWithTablesMs / r.PdfPigMs:0.00}; detection alone {r.DetectionMs:0.000} ms)  {(r.SameText ? "same text" : "TEXT DIFFERS")}");
            }

            Console.Out.WriteLine(
                $"total: {pages} pages, pdfpig {report.PdfPigMs} ms ({report.PdfPigMsPerPage} ms a page), poppler {report.PopplerMs} ms ({report.PopplerMsPerPage} ms a page), " +
                $"ratio {report.Ratio}; pdfpig with table detection {report.PdfPigWithTablesMs} ms ({report.Tables} tables), {report.TablesRatio}× pdfpig alone; the detection alone {report.DetectionMs} ms, so pdfpig + detection = {report.DetectionRatio}× pdfpig; {(report.SameText ? "same text from both" : "the engines' texts differ")}; peak working set {report.PeakWorkingSetBytes / (1 << 20)} MB (median of {runs} runs each after {warmup} warm-up rounds; MB = managed allocation a run)");
        }

        return CommandLine.Ok;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Row(string File, int Pages, double PdfPigMs, double PopplerMs, double PdfPigWithTablesMs, int Tables, double DetectionMs, double PdfPigAllocatedMb, double PopplerAllocatedMb, bool SameText);

    private sealed record Report(
        List<Row> Files,
        int Pages,
        double PdfPigMs,
        double PopplerMs,
        double PdfPigMsPerPage,
        double PopplerMsPerPage,
        double Ratio,
        double PdfPigWithTablesMs,
        double TablesRatio,
        int Tables,
        double DetectionMs,
        double DetectionRatio,
        bool SameText,
        int Cores,
        long PeakWorkingSetBytes,
        int Runs,
        int Warmup);
}
