using System.Text.RegularExpressions;

namespace QaIngest.Tests;

/// <summary>
/// Parse, Text and Figures are pure: no files, no network, no database. The library removes the
/// implicit System.IO and System.Net.Http usings, so any such use must be spelled out in the source.
/// </summary>
public partial class ArchitectureTests
{
    public static TheoryData<string> PureFolders() => ["Parse", "Text", "Figures"];

    [Theory]
    [MemberData(nameof(PureFolders))]
    public void PureStage_Source_ReferencesNoIoNetworkOrDatabase(string folder)
    {
        var dir = Path.Combine(Repo.Root, "src", "QaIngest", folder);
        var offending = Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
                .Where(l => Forbidden().IsMatch(l.Text))
                .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
                .ToList()
            : [];

        Assert.True(offending.Count == 0, "I/O in a pure stage:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void LibraryProject_RemovesImplicitIoUsings()
    {
        var project = File.ReadAllText(Path.Combine(Repo.Root, "src", "QaIngest", "QaIngest.csproj"));

        Assert.Contains("<Using Remove=\"System.IO\" />", project);
        Assert.Contains("<Using Remove=\"System.Net.Http\" />", project);
    }

    [Fact]
    public void ForbiddenPattern_CatchesIoUses()
    {
        Assert.Matches(Forbidden(), "using System.IO;");
        Assert.Matches(Forbidden(), "var s = System.IO.File.ReadAllText(p);");
        Assert.Matches(Forbidden(), "using Microsoft.Data.Sqlite;");
        Assert.Matches(Forbidden(), "using var c = new System.Net.Http.HttpClient();");
        Assert.DoesNotMatch(Forbidden(), "using System.Text.RegularExpressions;");
    }

    [GeneratedRegex(@"\b(?:System\.IO|System\.Net|Microsoft\.Data|System\.Data|Microsoft\.EntityFrameworkCore|Npgsql|HttpClient|SqliteConnection)\b")]
    private static partial Regex Forbidden();
}
