using System.CommandLine;
using QaIngest.Cli.Output;
using QaIngest.Parse;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest parse FILE</c>: the structure of one written question as JSON or an outline.</summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The document to parse (text as extracted from the parliament's PDFs)." };
        var format = new Option<string>("--format") { Description = "Output format: json or text.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        var command = new Command("parse", "Split a written question into header, questions, answers, annexes and references.")
        {
            file,
            format,
        };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(format)!));
        return command;
    }

    private static int Run(string path, string format)
    {
        var text = InputFile.ReadText(path, out var error);
        if (text is null)
        {
            return CommandLine.Fail(error!);
        }

        var result = QuestionParser.Parse(text);
        if (!result.Success)
        {
            return CommandLine.Fail($"{path}: {result.Error}");
        }

        foreach (var warning in result.Value.Warnings)
        {
            Console.Error.WriteLine($"warning: {path}: {warning.Message}");
        }

        Console.Out.Write(format == "json" ? Json.Serialize(result.Value) + "\n" : TextOutline.Render(result.Value));
        return CommandLine.Ok;
    }
}
