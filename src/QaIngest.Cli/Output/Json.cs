using System.Text.Json;
using QaIngest.Pipeline;

namespace QaIngest.Cli.Output;

/// <summary>The one JSON shape of every command (<see cref="PipelineJson"/>): camelCase, enums as lower-case strings, dates as ISO.</summary>
public static class Json
{
    public static JsonSerializerOptions Options => PipelineJson.Indented;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
