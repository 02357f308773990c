using System.Globalization;
using System.IO;
using System.Text;

namespace QaIngest.Export;

/// <summary>CSV as RFC 4180 writes it: a header row, CRLF line ends, a field quoted when it holds a comma, a quote or a line break, quotes doubled. UTF-8 without a byte order mark.</summary>
internal sealed class CsvTableWriter : ITableWriter
{
    private readonly StreamWriter writer;
    private readonly ExportTable table;

    public CsvTableWriter(Stream stream, ExportTable table)
    {
        this.table = table;
        writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\r\n" };
        for (var i = 0; i < table.Columns.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteField(table.Columns[i].Name);
        }

        writer.WriteLine();
    }

    public ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < table.Columns.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            switch (row[i])
            {
                case null:
                    break;
                case string s:
                    WriteField(s);
                    break;
                case long l:
                    writer.Write(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    writer.Write(d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case bool b:
                    writer.Write(b ? "true" : "false");
                    break;
                case DateOnly date:
                    writer.Write(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidOperationException($"not a value of an exported column: {row[i]!.GetType().Name}");
            }
        }

        writer.WriteLine();
        return ValueTask.CompletedTask;
    }

    /// <summary>Quotes a field when RFC 4180 requires it (a comma, a quote, CR or LF in it), doubling its quotes.</summary>
    private void WriteField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken) => await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
