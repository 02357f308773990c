using System.Text.Json;

namespace QaIngest.Tests.Cli;

/// <summary>
/// <c>qaingest eval real</c> on a folder of real scraped texts (copied from the real gold set): the
/// counts, a no-body file as an error, and <c>--list</c>.
/// </summary>
public sealed class EvalRealCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qaingest-evalreal-").FullName;

    public EvalRealCommandTests()
    {
        // 1735374: no aan line and a single answer block; 2042928: combined labels (1+4-6., 2-3.); 1755283: no body.
        foreach (var id in new[] { "1735374", "2042928", "1755283" })
        {
            File.Copy(Repo.Fixture("Parse", "Fixtures", "real", id + ".txt"), Path.Combine(folder, id + ".txt"));
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void EvalReal_Folder_CountsWrittenQuestionsAndNoBodyFiles()
    {
        var outcome = Cli.Run("eval", "real", folder, "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.StdOut);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("files").GetInt32());
        Assert.Equal(1, root.GetProperty("noBody").GetInt32());
        Assert.Equal(2, root.GetProperty("writtenQuestions").GetInt32());
        Assert.Equal(2, root.GetProperty("parsed").GetProperty("found").GetInt32());
        Assert.Equal(2, root.GetProperty("minister").GetProperty("found").GetInt32());
        Assert.Equal(2, root.GetProperty("title").GetProperty("found").GetInt32());
        Assert.Equal(0, root.GetProperty("bareYearMoney").GetInt32());
    }

    [Fact]
    public void EvalReal_ListNoBody_PrintsTheFile()
    {
        var outcome = Cli.Run("eval", "real", folder, "--list", "no-body");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("1755283.txt", outcome.StdOut.Split('\t')[0]);
    }

    [Fact]
    public void EvalReal_UnknownKind_ExitsTwoWithOneLineReason()
    {
        var outcome = Cli.Run("eval", "real", folder, "--list", "Nonsense!");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("not a failure kind", outcome.StdErr);
    }

    [Fact]
    public void EvalReal_MissingFolder_ExitsTwo()
    {
        var outcome = Cli.Run("eval", "real", Path.Combine(folder, "nope"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no such folder", outcome.StdErr);
    }
}
