using System.IO;
using Parquet;
using Parquet.Schema;

namespace QaIngest.Export;

/// <summary>
/// Parquet through Parquet.Net: one nullable typed column per exported column (strings, int64,
/// double, boolean, DATE), Snappy-compressed, written in row groups of at most
/// <see cref="RowGroupRows"/> rows or about <see cref="RowGroupTextChars"/> characters of text, so
/// memory stays bounded whatever the number of rows.
/// </summary>
internal sealed class ParquetTableWriter : ITableWriter
{
    /// <summary>Rows per row group: large enough for good compression and fast column reads, small enough to keep memory low.</summary>
    public const int RowGroupRows = 20_000;

    /// <summary>Text characters per row group (the items' texts and the figures' sentences weigh most).</summary>
    public const long RowGroupTextChars = 8_000_000;

    /// <summary>
    /// What Parquet.Net's pool of memory streams may keep once they are returned: unbounded by
    /// default, it kept every row group's buffers (a 200,000-document export peaked at 405 MB).
    /// </summary>
    private const int PoolFreeBytes = 16 * 1024 * 1024;

    private readonly ExportTable table;
    private readonly ParquetWriter writer;
    private readonly DataField[] fields;
    private readonly Array[] buffers;
    private int rows;
    private long textChars;

    private ParquetTableWriter(ExportTable table, ParquetWriter writer, DataField[] fields)
    {
        this.table = table;
        this.writer = writer;
        this.fields = fields;
        buffers = [.. table.Columns.Select(c => NewBuffer(c.Type))];
    }

    public static async Task<ParquetTableWriter> CreateAsync(Stream stream, ExportTable table, CancellationToken cancellationToken)
    {
        var fields = table.Columns.Select(Field).ToArray();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Snappy,
            MaximumSmallPoolFreeBytes = PoolFreeBytes,
            MaximumLargePoolFreeBytes = PoolFreeBytes,
        }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new ParquetTableWriter(table, writer, fields);
    }

    private static DataField Field(ExportColumn column) => column.Type switch
    {
        ColumnType.Text => new DataField<string>(column.Name, nullable: true),
        ColumnType.Integer => new DataField<long?>(column.Name),
        ColumnType.Real => new DataField<double?>(column.Name),
        ColumnType.Boolean => new DataField<bool?>(column.Name),
        ColumnType.Date => new DataField<DateOnly?>(column.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, null),
    };

    private static Array NewBuffer(ColumnType type) => type switch
    {
        ColumnType.Text => new string?[RowGroupRows],
        ColumnType.Integer => new long?[RowGroupRows],
        ColumnType.Real => new double?[RowGroupRows],
        ColumnType.Boolean => new bool?[RowGroupRows],
        ColumnType.Date => new DateOnly?[RowGroupRows],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public async ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < table.Columns.Length; i++)
        {
            switch (buffers[i])
            {
                case string?[] texts:
                    var text = (string?)row[i];
                    texts[rows] = text;
                    textChars += text?.Length ?? 0;
                    break;
                case long?[] longs:
                    longs[rows] = (long?)row[i];
                    break;
                case double?[] doubles:
                    doubles[rows] = (double?)row[i];
                    break;
                case bool?[] bools:
                    bools[rows] = (bool?)row[i];
                    break;
                case DateOnly?[] dates:
                    dates[rows] = (DateOnly?)row[i];
                    break;
            }
        }

        rows++;
        if (rows == RowGroupRows || textChars >= RowGroupTextChars)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (rows == 0)
        {
            return;
        }

        using (var group = writer.CreateRowGroup())
        {
            for (var i = 0; i < fields.Length; i++)
            {
                switch (buffers[i])
                {
                    case string?[] texts:
                        await group.WriteAsync(fields[i], new ArraySegment<string?>(texts, 0, rows)!).ConfigureAwait(false);
                        Array.Clear(texts, 0, rows);
                        break;
                    case long?[] longs:
                        await group.WriteAsync<long>(fields[i], longs.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case double?[] doubles:
                        await group.WriteAsync<double>(fields[i], doubles.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case bool?[] bools:
                        await group.WriteAsync<bool>(fields[i], bools.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case DateOnly?[] dates:
                        await group.WriteAsync<DateOnly>(fields[i], dates.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                }
            }

            group.CompleteValidate();
        }

        rows = 0;
        textChars = 0;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken) => await FlushAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
