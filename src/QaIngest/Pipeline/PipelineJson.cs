using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QaIngest.Pipeline;

/// <summary>The one JSON shape of QaIngest's output: camelCase, enums as lower-case strings, dates as ISO.</summary>
public static class PipelineJson
{
    public static readonly JsonSerializerOptions Indented = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The same shape on one line (JSON Lines).</summary>
    public static readonly JsonSerializerOptions OneLine = new(Indented) { WriteIndented = false };
}
