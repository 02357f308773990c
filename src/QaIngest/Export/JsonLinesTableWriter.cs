using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace QaIngest.Export;

/// <summary>JSON Lines: one object a row with every column (null when empty), one line a row, dates as <c>yyyy-MM-dd</c> strings.</summary>
internal sealed class JsonLinesTableWriter : ITableWriter
{
    private static readonly byte[] NewLine = [(byte)'\n'];

    private readonly Stream stream;
    private readonly ExportTable table;
    private readonly JsonEncodedText[] names;
    private readonly Utf8JsonWriter json;

    public JsonLinesTableWriter(Stream stream, ExportTable table)
    {
        this.stream = new BufferedStream(stream, 1 << 16);
        this.table = table;
        names = [.. table.Columns.Select(c => JsonEncodedText.Encode(c.Name))];

        // Dutch text stays readable (ë, €) rather than \u-escaped; the JSON is no HTML.
        json = new Utf8JsonWriter(this.stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
    }

    public ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken)
    {
        json.Reset();
        json.WriteStartObject();
        for (var i = 0; i < table.Columns.Length; i++)
        {
            switch (row[i])
            {
                case null:
                    json.WriteNull(names[i]);
                    break;
                case string s:
                    json.WriteString(names[i], s);
                    break;
                case long l:
                    json.WriteNumber(names[i], l);
                    break;
                case double d:
                    json.WriteNumber(names[i], d);
                    break;
                case bool b:
                    json.WriteBoolean(names[i], b);
                    break;
                case DateOnly date:
                    json.WriteString(names[i], date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidOperationException($"not a value of an exported column: {row[i]!.GetType().Name}");
            }
        }

        json.WriteEndObject();
        json.Flush();
        stream.Write(NewLine);
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync().ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
    }
}
