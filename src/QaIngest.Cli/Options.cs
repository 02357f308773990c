using System.CommandLine;

namespace QaIngest.Cli;

/// <summary>Options several commands share, defined once.</summary>
public static class Options
{
    public static Option<string> Data() => new("--data") { Description = "The data directory (index and raw files).", DefaultValueFactory = _ => "data" };

    public static Option<string> Format() => Format("text");

    public static Option<string> Format(string defaultValue)
    {
        var format = new Option<string>("--format") { Description = "Output format: json or text.", DefaultValueFactory = _ => defaultValue };
        format.AcceptOnlyFromAmong("json", "text");
        return format;
    }
}
