using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Export;

namespace QaIngest.Tests.Cli;

/// <summary><c>qaingest export</c> as a researcher calls it, after the README's first command.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("qaingest-export-cli-").FullName;

    private string Data => Path.Combine(work, "data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public void Export_QueryAfterTheDefaultPipeline_WritesTheSelectedDocumentsInEachTable()
    {
        Assert.Equal(0, Cli.Run("run", "pipelines/seeds.json", "--data", Data, "--quiet").ExitCode);
        var out_ = Path.Combine(work, "out");

        var outcome = Cli.Run("export", "--to", out_, "--format", "csv", "--query", "theme:Onderwijs", "--data", Data, "--report", "json");

        Assert.Equal(0, outcome.ExitCode);
        var report = JsonDocument.Parse(outcome.StdOut).RootElement;
        var tables = report.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("rows").GetInt64());
        Assert.Equal(ExportTables.All.Select(t => t.Name), tables.Keys);
        Assert.Equal(Count("SELECT count(*) FROM documents WHERE theme LIKE '%Onderwijs en Vorming%'"), tables["documents"]);
        Assert.Equal(tables["documents"], report.GetProperty("selectedDocuments").GetInt64());
        Assert.True(report.GetProperty("peakMemoryBytes").GetInt64() > 0);
        foreach (var table in ExportTables.All)
        {
            Assert.True(File.Exists(Path.Combine(out_, table.Name + ".csv")));
            Assert.False(File.Exists(Path.Combine(out_, table.Name + ".csv.partial")));
        }
    }

    [Theory]
    [InlineData("export needs --to", "export", "--data", "nowhere")]
    [InlineData("no index in nowhere", "export", "--to", "out", "--data", "nowhere")]
    public void Export_BadArguments_ExitTwoWithAReason(string reason, params string[] args)
    {
        var outcome = Cli.RunIn(work, args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(reason, outcome.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Columns_IsTheDictionaryTheReadmeShows()
    {
        var outcome = Cli.Run("export", "--columns");

        Assert.Equal(0, outcome.ExitCode);
        foreach (var column in ExportTables.All.SelectMany(t => t.Columns))
        {
            Assert.Contains($"| `{column.Name}` |", outcome.StdOut, StringComparison.Ordinal);
        }

        var readme = File.ReadAllText(Repo.File_("README.md")).ReplaceLineEndings("\n");
        Assert.Contains(outcome.StdOut.ReplaceLineEndings("\n").Trim(), readme, StringComparison.Ordinal);
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "qaingest.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
