using System.Text.Json;
using QaIngest.Tests.Support;

namespace QaIngest.Tests.Extract;

/// <summary>One row of corpus/fixtures/fixtures.json: a rendered document and the seed it must reproduce.</summary>
public sealed record FixtureCase(string File, string Seed, string Format, int Pages, string? AnswerStart, IReadOnlyList<string> ExpectedDifferences)
{
    private static readonly Lazy<IReadOnlyList<FixtureCase>> All = new(Load);

    public static TheoryData<string> Files(string format)
    {
        var data = new TheoryData<string>();
        foreach (var fixture in All.Value.Where(f => f.Format == format))
        {
            data.Add(fixture.File);
        }

        return data;
    }

    public static FixtureCase Get(string file) => All.Value.Single(f => f.File == file);

    public string FullPath => RepositoryFiles.PathOf("corpus/fixtures/" + File);

    public string SeedText => System.IO.File.ReadAllText(RepositoryFiles.PathOf(Seed));

    /// <summary>Asserts that <paramref name="extracted"/> has the seed's words, differing only as the fixture table says.</summary>
    public void AssertSameWordsAsSeed(string extracted, Xunit.Abstractions.ITestOutputHelper output, string note)
    {
        var differences = WordComparison.Differences(WordComparison.SeedWords(SeedText), WordComparison.ExtractedWords(extracted));
        output.WriteLine($"{File}: {differences.Length} word differences against {Seed}{note}");
        var shown = string.Join(" | ", differences.Take(30).Select(d => $"{d.Op} (after '{d.After}')"));
        Assert.True(differences.Select(d => d.Op).SequenceEqual(ExpectedDifferences), $"{differences.Length} word differences: {shown}");
    }

    private static IReadOnlyList<FixtureCase> Load()
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(RepositoryFiles.PathOf("corpus/fixtures/fixtures.json")));
        return json.RootElement.GetProperty("documents").Deserialize<List<FixtureCase>>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
