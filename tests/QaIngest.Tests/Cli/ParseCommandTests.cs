using System.Text.Json;

namespace QaIngest.Tests.Cli;

public sealed class ParseCommandTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("qaingest-cli-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void Parse_SeedAsJson_PrintsCamelCaseDocument()
    {
        var outcome = Cli.Run("parse", "seeds/001_98b0514b58b8ebbf.txt", "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.StdOut);
        var root = json.RootElement;
        Assert.Equal(693, root.GetProperty("number").GetInt32());
        Assert.Equal("2022-06-08", root.GetProperty("date").GetString());
        Assert.Equal("Robrecht Bothuyne", root.GetProperty("asker").GetString());
        Assert.Equal(9, root.GetProperty("answers").GetArrayLength());
        var answer = root.GetProperty("answers")[3];
        Assert.Equal(4, answer.GetProperty("annexReferences")[0].GetProperty("sheet").GetInt32());
        Assert.Equal("question", root.GetProperty("crossReferences")[0].GetProperty("location").GetProperty("section").GetString());
        Assert.Equal(15149, root.GetProperty("annexes")[0].GetProperty("linkId").GetInt32());
    }

    [Fact]
    public void Parse_SeedAsText_PrintsOutline()
    {
        var outcome = Cli.Run("parse", "seeds/002_61f6de835ac0d6a8.txt");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("answers (11):", outcome.StdOut);
        Assert.Contains("[see answer 2]", outcome.StdOut);
    }

    [Fact]
    public void Parse_MissingFile_ExitsTwoWithOneLineReason()
    {
        var outcome = Cli.Run("parse", Path.Combine(temp, "nope.txt"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.StdErr.Trim().Split('\n'));
        Assert.Contains("no such file", outcome.StdErr);
    }

    [Fact]
    public void Parse_EmptyFile_ExitsTwo()
    {
        var path = Path.Combine(temp, "empty.txt");
        File.WriteAllBytes(path, []);

        var outcome = Cli.Run("parse", path);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("empty", outcome.StdErr);
    }

    [Fact]
    public void Parse_RandomBytes_ExitsTwoWithoutStackTrace()
    {
        var path = Path.Combine(temp, "garbage.bin");
        var bytes = new byte[1 << 20];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var outcome = Cli.Run("parse", path);

        Assert.Equal(2, outcome.ExitCode);
        Assert.DoesNotContain("   at ", outcome.StdErr);
        Assert.Single(outcome.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public void Parse_DocumentWithoutAnswers_ExitsZeroWithWarningOnStderr()
    {
        var path = Path.Combine(temp, "question-only.txt");
        File.WriteAllText(path, "Onderwerp\n\n1. Eerste vraag?\n\n2. Tweede vraag?\n");

        var outcome = Cli.Run("parse", path, "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("warning:", outcome.StdErr);
        Assert.Equal(2, JsonDocument.Parse(outcome.StdOut).RootElement.GetProperty("questions").GetArrayLength());
    }

    [Fact]
    public void Parse_UnknownFormat_ExitsTwo()
    {
        var outcome = Cli.Run("parse", "seeds/001_98b0514b58b8ebbf.txt", "--format", "yaml");

        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public void Help_ListsParseCommand()
    {
        var outcome = Cli.Run("--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("parse", outcome.StdOut);
    }
}
