using System.CommandLine;
using System.Text.Json.Nodes;
using QaIngest.Cli.Output;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest parse FILE</c>: the structure and figures of one written question as JSON or an outline.</summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The document to parse: PDF, DOCX, HTML or text (recognised from its bytes)." };
        var format = Options.Format();
        var command = new Command("parse", "Split a written question into header, questions, answers, annexes, references and figures.")
        {
            file,
            format,
        };
        command.SetAction((result, cancellationToken) => Run(result.GetValue(file)!, result.GetValue(format)!, cancellationToken));
        return command;
    }

    private static async Task<int> Run(string path, string format, CancellationToken cancellationToken)
    {
        var (document, error) = await DocumentLoader.LoadAsync(path, cancellationToken);
        if (document is null)
        {
            return CommandLine.Fail(error!);
        }

        foreach (var warning in document.Warnings)
        {
            Console.Error.WriteLine($"warning: {path}: {warning}");
        }

        if (format == "json")
        {
            var json = JsonNode.Parse(Json.Serialize(document.Question))!.AsObject();
            json["figures"] = JsonNode.Parse(Json.Serialize(document.Figures.Figures));
            json["checks"] = JsonNode.Parse(Json.Serialize(document.Figures.Checks));
            json["tables"] = JsonNode.Parse(Json.Serialize(document.Figures.Tables));
            Console.Out.WriteLine(json.ToJsonString(Json.Options));
        }
        else
        {
            Console.Out.Write(TextOutline.Render(document.Question) + TableOutline.Render(document.Figures.Tables) + FigureOutline.Render(document.Figures));
        }

        return CommandLine.Ok;
    }
}
