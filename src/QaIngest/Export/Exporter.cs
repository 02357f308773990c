using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;

namespace QaIngest.Export;

/// <summary>
/// Exports the record of a data directory (<c>DATA/qaingest.db</c>) as tidy tables, one file per
/// table of <see cref="ExportTables.All"/>. Streams: rows are read from SQLite one at a time and
/// written at once (Parquet in row groups), so memory does not grow with the corpus. Reads only,
/// through its own read-only connection, so it may run while a pipeline writes (it sees the last commit).
/// </summary>
public static class Exporter
{
    /// <summary>The file name extension of a format.</summary>
    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Parquet => "parquet",
        ExportFormat.Csv => "csv",
        _ => "jsonl",
    };

    /// <summary>
    /// Writes every table (or <paramref name="tables"/>) into <paramref name="to"/>; only the rows of
    /// <paramref name="documents"/> (document ids, see <c>SearchIndex.DocumentIdsMatching</c>) when given.
    /// A file appears whole or not at all: it is written under a temporary name and then renamed.
    /// </summary>
    /// <exception cref="ExportException">The record cannot be read or the folder cannot be written.</exception>
    public static async Task<ExportReport> ExportAsync(string databasePath, string to, ExportFormat format, IReadOnlySet<long>? documents = null,
        IReadOnlyList<ExportTable>? tables = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        if (!File.Exists(databasePath))
        {
            throw new ExportException($"no record at {databasePath} (run 'qaingest run' or 'qaingest index' first)");
        }

        try
        {
            Directory.CreateDirectory(to);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExportException($"cannot create {to}: {e.Message}", e);
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString();
        using var connection = new SqliteConnection(connectionString);
        var written = ImmutableArray.CreateBuilder<ExportedTable>();
        try
        {
            connection.Open();
            foreach (var table in tables ?? ExportTables.All)
            {
                written.Add(await ExportTableAsync(connection, table, to, format, documents, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (SqliteException e) when (e.Message.Contains("no such column", StringComparison.Ordinal) || e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            throw new ExportException($"{databasePath} holds a record of before schema version 3 ({e.Message.Split('\n')[0].Replace("SQLite Error 1: ", string.Empty, StringComparison.Ordinal)}); run its pipeline once to bring it up to date", e);
        }
        catch (SqliteException e)
        {
            throw new ExportException($"{databasePath}: {e.Message.Split('\n')[0]}", e);
        }
        catch (IOException e)
        {
            throw new ExportException($"cannot write into {to}: {e.Message}", e);
        }

        return new ExportReport(format switch { ExportFormat.Parquet => "parquet", ExportFormat.Csv => "csv", _ => "jsonl" }, Path.GetFullPath(to), written.ToImmutable())
        {
            SelectedDocuments = documents?.Count,
            Seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
        };
    }

    private static async Task<ExportedTable> ExportTableAsync(SqliteConnection connection, ExportTable table, string to, ExportFormat format, IReadOnlySet<long>? documents,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(to, $"{table.Name}.{Extension(format)}");
        var partial = path + ".partial";
        long rows = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = table.Select;
            using var reader = command.ExecuteReader();
            var stream = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            try
            {
                await using var writer = await Open(stream, table, format, cancellationToken).ConfigureAwait(false);
                var row = new object?[table.Columns.Length];
                while (reader.Read())
                {
                    if (documents is not null && !documents.Contains(reader.GetInt64(0)))
                    {
                        continue;
                    }

                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = Value(reader, i + 1, table.Columns[i].Type);
                    }

                    await writer.WriteAsync(row, cancellationToken).ConfigureAwait(false);
                    rows++;
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                File.Delete(partial);
                throw;
            }

            await stream.DisposeAsync().ConfigureAwait(false);
        }

        File.Move(partial, path, overwrite: true);
        return new ExportedTable(table.Name, path, rows, new FileInfo(path).Length);
    }

    private static async Task<ITableWriter> Open(Stream stream, ExportTable table, ExportFormat format, CancellationToken cancellationToken) => format switch
    {
        ExportFormat.Parquet => await ParquetTableWriter.CreateAsync(stream, table, cancellationToken).ConfigureAwait(false),
        ExportFormat.Csv => new CsvTableWriter(stream, table),
        _ => new JsonLinesTableWriter(stream, table),
    };

    private static object? Value(SqliteDataReader reader, int ordinal, ColumnType type)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return type switch
        {
            ColumnType.Text => reader.GetString(ordinal),
            ColumnType.Integer => reader.GetInt64(ordinal),
            ColumnType.Real => reader.GetDouble(ordinal),
            ColumnType.Boolean => reader.GetInt64(ordinal) != 0,
            ColumnType.Date => DateOnly.TryParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }
}
