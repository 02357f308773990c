using System.CommandLine;
using System.Diagnostics;
using QaIngest.Cli.Output;
using QaIngest.Extract;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest bench extract</c>: per PDF, bare <c>pdftotext -bbox-layout</c> next to our whole
/// extraction (pdftotext plus layout reading and paragraph rebuilding), in one run, with the ratio.
/// </summary>
public static class BenchExtractCommand
{
    public static Command Create()
    {
        var folder = new Option<string>("--files") { Description = "Folder searched for .pdf files.", DefaultValueFactory = _ => "corpus" };
        var runs = new Option<int>("--runs") { Description = "Runs per file; the median is reported.", DefaultValueFactory = _ => 9 };
        var format = Options.Format();
        var command = new Command("extract", "Measure PDF extraction time per page next to bare pdftotext, and the ratio.") { folder, runs, format };
        command.SetAction((r, ct) => Run(r.GetValue(folder)!, r.GetValue(runs), r.GetValue(format)!, ct));
        return command;
    }

    private static async Task<int> Run(string folder, int runs, string format, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return CommandLine.Fail($"{folder}: no such folder");
        }

        if (runs is < 1 or > 1000)
        {
            return CommandLine.Fail("--runs must be between 1 and 1000");
        }

        var files = Directory.EnumerateFiles(folder, "*.pdf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return CommandLine.Fail($"{folder}: no .pdf files");
        }

        var extractor = new TextExtractor();
        var rows = new List<Row>();
        foreach (var file in files)
        {
            var first = await extractor.ExtractFileAsync(file, cancellationToken);
            if (!first.Success)
            {
                return CommandLine.Fail($"{file}: {first.Error}");
            }

            var bare = new List<double>();
            var ours = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await BarePdfToText(file, cancellationToken);
                bare.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                await extractor.ExtractFileAsync(file, cancellationToken);
                ours.Add(watch.Elapsed.TotalMilliseconds);
            }

            rows.Add(new Row(Path.GetRelativePath(folder, file), first.Value.PageCount, Math.Round(Median(bare), 1), Math.Round(Median(ours), 1)));
        }

        var pages = rows.Sum(r => r.Pages);
        var report = new Report(rows, pages, Math.Round(rows.Sum(r => r.PdfToTextMs), 1), Math.Round(rows.Sum(r => r.OursMs), 1),
            Math.Round(rows.Sum(r => r.OursMs) / pages, 2), Math.Round(rows.Sum(r => r.OursMs) / rows.Sum(r => r.PdfToTextMs), 2), runs);
        if (format == "json")
        {
            Console.Out.WriteLine(Json.Serialize(report));
        }
        else
        {
            foreach (var r in rows)
            {
                Console.Out.WriteLine($"{r.File,-45} {r.Pages,3} pages  pdftotext {r.PdfToTextMs,7:0.0} ms  ours {r.OursMs,7:0.0} ms  ratio {r.OursMs / r.PdfToTextMs:0.00}");
            }

            Console.Out.WriteLine($"total: {pages} pages, pdftotext {report.PdfToTextMs} ms, ours {report.OursMs} ms ({report.OursMsPerPage} ms a page), ratio {report.Ratio} (median of {runs} runs each)");
        }

        return CommandLine.Ok;
    }

    private static async Task BarePdfToText(string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-bbox-layout", "-enc", "UTF-8", file, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.WhenAll(output, error, process.WaitForExitAsync(cancellationToken));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Row(string File, int Pages, double PdfToTextMs, double OursMs);

    private sealed record Report(List<Row> Files, int Pages, double PdfToTextMs, double OursMs, double OursMsPerPage, double Ratio, int Runs);
}
