using System.CommandLine;
using System.Text.Json;
using QaIngest.Extract;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest extract FILE</c>: prints the text the parser would receive from a PDF, DOCX, HTML or text file.</summary>
public static class ExtractCommand
{
    private const int BadInput = 2;
    private const long Megabyte = 1024 * 1024;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The document; its format is read from its bytes, not its name." };
        var format = new Option<string>("--format") { Description = "Output format: text or json (text, format, engine, pages, links, warnings).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        var defaults = ExtractionLimits.Default;
        var timeout = new Option<int?>("--timeout") { Description = $"Seconds a document (any format) may take before it fails with \"… extraction timed out\" (default {ExtractionLimits.DefaultTimeoutSeconds})." };
        var maxDocumentMb = Limit("--max-document-mb", "MB of input read as one document (\"document larger than N MB\")", (int)(defaults.MaxDocumentBytes / Megabyte));
        var maxDecompressedMb = Limit("--max-decompressed-mb", "MB a DOCX's XML parts may hold once decompressed (\"document larger than N MB when decompressed\")", (int)(defaults.MaxDecompressedBytes / Megabyte));
        var maxHtmlTags = Limit("--max-html-tags", "tags an HTML document may hold", defaults.MaxHtmlTags);
        var maxDocxElements = Limit("--max-docx-elements", "XML elements a DOCX package may hold", defaults.MaxDocxElements);
        var maxDepth = Limit("--max-depth", "levels HTML or DOCX elements may nest (\"nesting deeper than N\")", defaults.MaxNestingDepth);
        var maxTextChars = Limit("--max-text-chars", "characters of extracted text (\"text longer than N characters\")", defaults.MaxTextCharacters);
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
            maxDocumentMb,
            maxDecompressedMb,
            maxHtmlTags,
            maxDocxElements,
            maxDepth,
            maxTextChars,
            pdfToText,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new PdfTextExtractorOptions();
            var limits = new ExtractionLimits
            {
                Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout) ?? ExtractionLimits.DefaultTimeoutSeconds),
                MaxDocumentBytes = parseResult.GetValue(maxDocumentMb) * Megabyte,
                MaxDecompressedBytes = parseResult.GetValue(maxDecompressedMb) * Megabyte,
                MaxHtmlTags = parseResult.GetValue(maxHtmlTags),
                MaxDocxElements = parseResult.GetValue(maxDocxElements),
                MaxNestingDepth = parseResult.GetValue(maxDepth),
                MaxTextCharacters = parseResult.GetValue(maxTextChars),
            };

            if (parseResult.GetValue(pdfToText) is { Length: > 0 } tool)
            {
                options = options with { PdfToTextPath = tool == "none" ? null : tool };
            }

            var path = parseResult.GetValue(file)!;
            if (QaIngest.Pipeline.LocalFile.NotARegularFile(path) is { } notAFile)
            {
                // Never opened: a FIFO would wait for a writer for ever.
                await Console.Error.WriteLineAsync($"qaingest: {path}: {notAFile}");
                return BadInput;
            }

            var result = await new TextExtractor(limits, options).ExtractFileAsync(path, cancellationToken);
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

    /// <summary>A positive whole-number limit whose default <c>--help</c> shows.</summary>
    private static Option<int> Limit(string name, string what, int defaultValue)
    {
        var option = new Option<int>(name) { Description = $"Most {what}.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError($"{name} must be a positive whole number.");
            }
        });
        return option;
    }
}
