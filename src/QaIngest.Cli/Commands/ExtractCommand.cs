using System.CommandLine;
using System.Text.Json;
using QaIngest.Extract;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest extract FILE</c>: prints the text the parser would receive from a PDF, DOCX, HTML or text file.</summary>
public static class ExtractCommand
{
    private const int BadInput = 2;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The document; its format is read from its bytes, not its name." };
        var format = new Option<string>("--format") { Description = "Output format: text or json (text, format, engine, pages, links, warnings).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        var timeout = new Option<int?>("--timeout") { Description = "Seconds a PDF may take before it fails with \"PDF extraction timed out\" (default 30)." };
        var pdfToText = new Option<string?>("--pdftotext") { Description = "poppler's pdftotext, tried only when PdfPig cannot read a PDF (default: pdftotext on PATH; \"none\": no fallback)." };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });
        var command = new Command("extract", "Print the text the parser receives from a PDF, DOCX, HTML or text file.")
        {
            file,
            format,
            timeout,
            pdfToText,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new PdfTextExtractorOptions();
            if (parseResult.GetValue(timeout) is { } seconds)
            {
                options = options with { Timeout = TimeSpan.FromSeconds(seconds) };
            }

            if (parseResult.GetValue(pdfToText) is { Length: > 0 } tool)
            {
                options = options with { PdfToTextPath = tool == "none" ? null : tool };
            }

            var path = parseResult.GetValue(file)!;
            var result = await new TextExtractor(options).ExtractFileAsync(path, cancellationToken);
            if (!result.Success)
            {
                // Same shape and exit code as the other commands' bad-input errors.
                await Console.Error.WriteLineAsync($"qaingest: {path}: {result.Error}");
                return BadInput;
            }

            foreach (var warning in result.Value.Warnings)
            {
                await Console.Error.WriteLineAsync($"warning: {path}: {warning}");
            }

            if (parseResult.GetValue(format) == "json")
            {
                var value = result.Value;
                Console.WriteLine(JsonSerializer.Serialize(
                    new { text = value.Text, format = value.Format.ToString(), engine = value.Engine, pages = value.PageCount, links = value.Links, warnings = value.Warnings },
                    new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            else
            {
                Console.Write(result.Value.Text);
            }

            return 0;
        });
        return command;
    }
}
