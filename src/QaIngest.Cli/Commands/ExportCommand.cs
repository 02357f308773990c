using System.CommandLine;
using System.Text;
using QaIngest.Cli.Output;
using QaIngest.Export;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest export</c>: the record of a data directory as tidy tables (Parquet, CSV or JSON Lines) for R and pandas.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "The folder to write into (created when missing): one file per table, documents, items, figures, checks." };
        var format = new Option<string>("--format") { Description = "File format: parquet, csv or jsonl.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv", "jsonl");
        var query = new Option<string?>("--query") { Description = "Export only the documents with an item that matches this search (the search language of 'qaingest search')." };
        var data = Options.Data();
        var report = new Option<string>("--report") { Description = "Report format on stdout: json or text.", DefaultValueFactory = _ => "text" };
        report.AcceptOnlyFromAmong("json", "text");
        var dictionary = new Option<bool>("--columns") { Description = "Print the column dictionary of every table (Markdown) and exit." };
        var command = new Command("export", "Export the structured record as tidy tables: documents, items, figures and checks, one file each.") { to, format, query, data, report, dictionary };
        command.SetAction((r, cancellationToken) => r.GetValue(dictionary)
            ? Task.FromResult(PrintDictionary())
            : RunAsync(r.GetValue(to), r.GetValue(format)!, r.GetValue(query), r.GetValue(data)!, r.GetValue(report)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? to, string format, string? query, string data, string report, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return CommandLine.Fail("export needs --to DIR (the folder to write the tables into)");
        }

        var database = Path.Combine(data, QaIngest.Index.SearchIndex.FileName);
        if (!File.Exists(database))
        {
            return CommandLine.Fail($"no index in {data} (run 'qaingest run' or 'qaingest index' first)");
        }

        IReadOnlySet<long>? documents = null;
        if (query is not null)
        {
            if (CommandLine.OpenIndex(data, create: false, out var failure) is not { } index)
            {
                return failure;
            }

            using (index)
            {
                var (ids, error) = index.DocumentIdsMatching(query);
                if (error is not null)
                {
                    return CommandLine.Fail(error);
                }

                documents = ids;
            }
        }

        var fileFormat = format switch { "csv" => ExportFormat.Csv, "jsonl" => ExportFormat.JsonLines, _ => ExportFormat.Parquet };
        ExportReport result;
        try
        {
            result = await Exporter.ExportAsync(database, to, fileFormat, documents, cancellationToken: cancellationToken);
        }
        catch (ExportException e)
        {
            return CommandLine.Fail(e.Message);
        }

        var peak = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
        var documentRows = result.Tables.FirstOrDefault(t => t.Name == "documents")?.Rows ?? 0;
        var perSecond = result.Seconds > 0 ? Math.Round(documentRows / result.Seconds) : 0;
        if (report == "json")
        {
            Console.Out.WriteLine(Json.Serialize(new { result.Format, result.Directory, result.Tables, result.SelectedDocuments, result.Seconds, DocumentsPerSecond = perSecond, PeakMemoryBytes = peak }));
        }
        else
        {
            foreach (var table in result.Tables)
            {
                Console.Out.WriteLine($"{table.Name,-10} {table.Rows,12:N0} rows  {table.Bytes / 1024.0 / 1024.0,9:N1} MB  {table.File}");
            }

            Console.Out.WriteLine($"exported {documentRows:N0} documents as {result.Format} in {result.Seconds} s ({perSecond:N0} documents/s); peak memory {peak / 1048576:N0} MB");
        }

        return CommandLine.Ok;
    }

    /// <summary>The column dictionary, from the same definitions the export writes by, so it cannot drift.</summary>
    private static int PrintDictionary()
    {
        var text = new StringBuilder();
        foreach (var table in ExportTables.All)
        {
            text.Append("**`").Append(table.Name).Append("`** — ").AppendLine(table.Description).AppendLine();
            text.AppendLine("| column | type | meaning |").AppendLine("|---|---|---|");
            foreach (var column in table.Columns)
            {
                text.Append("| `").Append(column.Name).Append("` | ").Append(column.Type.ToString().ToLowerInvariant()).Append(" | ").Append(column.Description).AppendLine(" |");
            }

            text.AppendLine();
        }

        Console.Out.Write(text.ToString());
        return CommandLine.Ok;
    }
}
