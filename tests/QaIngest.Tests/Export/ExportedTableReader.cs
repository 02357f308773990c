using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Parquet;
using Parquet.Schema;
using QaIngest.Export;

namespace QaIngest.Tests.Export;

/// <summary>
/// Reads an exported file back with a reader that knows nothing of the exporter (Parquet.Net's
/// reader, CsvHelper, System.Text.Json line by line) into rows of typed values, failing when a
/// value does not have its column's type.
/// </summary>
internal static class ExportedTableReader
{
    public static async Task<List<Dictionary<string, object?>>> ReadAsync(string path, ExportTable table, ExportFormat format) => format switch
    {
        ExportFormat.Parquet => await ReadParquetAsync(path, table),
        ExportFormat.Csv => ReadCsv(path, table),
        _ => ReadJsonLines(path, table),
    };

    private static async Task<List<Dictionary<string, object?>>> ReadParquetAsync(string path, ExportTable table)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true });
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(table.Columns.Select(c => c.Name), fields.Select(f => f.Name));
        for (var i = 0; i < fields.Length; i++)
        {
            // The file's own schema says the type: a DATE column reads back as DateOnly, not as text.
            // (Parquet.Net reads a UTF-8 string column as ReadOnlyMemory<char>.)
            var type = fields[i].ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : fields[i].ClrType;
            Assert.True(ClrType(table.Columns[i].Type) == type, $"{table.Name}.{fields[i].Name}: {fields[i].ClrType.Name}");
        }

        var rows = new List<Dictionary<string, object?>>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var columns = new object?[fields.Length][];
            for (var i = 0; i < fields.Length; i++)
            {
                columns[i] = await ReadColumnAsync(group, fields[i], table.Columns[i].Type, count);
            }

            for (var r = 0; r < count; r++)
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < fields.Length; i++)
                {
                    row[fields[i].Name] = columns[i][r];
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    private static async Task<object?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, ColumnType type, int count)
    {
        switch (type)
        {
            case ColumnType.Text:
                var texts = new string?[count];
                await group.ReadAsync(field, texts.AsMemory());
                return [.. texts];
            case ColumnType.Integer:
                var longs = new long?[count];
                await group.ReadAsync<long>(field, longs.AsMemory());
                return [.. longs.Select(v => (object?)v)];
            case ColumnType.Real:
                var doubles = new double?[count];
                await group.ReadAsync<double>(field, doubles.AsMemory());
                return [.. doubles.Select(v => (object?)v)];
            case ColumnType.Boolean:
                var bools = new bool?[count];
                await group.ReadAsync<bool>(field, bools.AsMemory());
                return [.. bools.Select(v => (object?)v)];
            default:
                var dates = new DateOnly?[count];
                await group.ReadAsync<DateOnly>(field, dates.AsMemory());
                return [.. dates.Select(v => (object?)v)];
        }
    }

    private static Type ClrType(ColumnType type) => type switch
    {
        ColumnType.Text => typeof(string),
        ColumnType.Integer => typeof(long),
        ColumnType.Real => typeof(double),
        ColumnType.Boolean => typeof(bool),
        _ => typeof(DateOnly),
    };

    private static List<Dictionary<string, object?>> ReadCsv(string path, ExportTable table)
    {
        using var csv = CsvReader.FromFile(path);
        csv.ReadHeader();
        var indexes = table.Columns.Select(c => csv.GetFieldIndex(c.Name)).ToArray();
        Assert.Equal(Enumerable.Range(0, table.Columns.Length), indexes);
        var rows = new List<Dictionary<string, object?>>();
        while (csv.Read())
        {
            var record = csv.Current;
            Assert.Equal(table.Columns.Length, record.FieldCount);
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < table.Columns.Length; i++)
            {
                var value = record.GetString(i);
                row[table.Columns[i].Name] = value.Length == 0 ? null : table.Columns[i].Type switch
                {
                    ColumnType.Text => value,
                    ColumnType.Integer => long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                    ColumnType.Real => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
                    ColumnType.Boolean => bool.Parse(value),
                    _ => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<Dictionary<string, object?>> ReadJsonLines(string path, ExportTable table)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            var element = json.RootElement;
            Assert.Equal(table.Columns.Select(c => c.Name), element.EnumerateObject().Select(p => p.Name));
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var column in table.Columns)
            {
                var value = element.GetProperty(column.Name);
                row[column.Name] = value.ValueKind == JsonValueKind.Null ? null : column.Type switch
                {
                    ColumnType.Text => value.GetString(),
                    ColumnType.Integer => value.GetInt64(),
                    ColumnType.Real => value.GetDouble(),
                    ColumnType.Boolean => value.GetBoolean(),
                    _ => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
            }

            rows.Add(row);
        }

        return rows;
    }
}
