using System.CommandLine;
using System.Text.Json;
using QaIngest.Extract;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest extract FILE</c>: prints the text the parser would receive from a PDF, DOCX, HTML or text file.</summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The document; its format is read from its bytes, not its name." };
        var format = new Option<string>("--format") { Description = "text (default) or json (text, format, pages, links, warnings)." };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds pdftotext may run before it is killed (default 60)." };
        var command = new Command("extract", "Extract the text of a written question (PDF, DOCX, HTML or text).");
        command.Arguments.Add(file);
        command.Options.Add(format);
        command.Options.Add(timeout);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new PdfTextExtractorOptions();
            if (parseResult.GetValue(timeout) is { } seconds)
            {
                options = options with { Timeout = TimeSpan.FromSeconds(seconds) };
            }

            var result = await new TextExtractor(options).ExtractFileAsync(parseResult.GetValue(file)!, cancellationToken);
            if (!result.Success)
            {
                await Console.Error.WriteLineAsync($"error: {result.Error}");
                return 1;
            }

            if (string.Equals(parseResult.GetValue(format), "json", StringComparison.OrdinalIgnoreCase))
            {
                var value = result.Value;
                Console.WriteLine(JsonSerializer.Serialize(
                    new { text = value.Text, format = value.Format.ToString(), pages = value.PageCount, links = value.Links, warnings = value.Warnings },
                    new JsonSerializerOptions { WriteIndented = true }));
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
