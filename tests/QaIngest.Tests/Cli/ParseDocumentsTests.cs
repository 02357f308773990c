using System.Text.Json;
using System.Text.Json.Serialization;
using QaIngest.Parse;
using QaIngest.Tests.Parse;

namespace QaIngest.Tests.Cli;

/// <summary>
/// <c>qaingest parse</c> on the rendered fixtures (PDF, DOCX, HTML) and the real PDF: the same facts
/// as the seed texts they render, figures included.
/// </summary>
public class ParseDocumentsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static TheoryData<string> Fixtures() =>
    [
        "corpus/fixtures/pdf/000_57b4a00a02773f93.pdf",
        "corpus/fixtures/pdf/001_98b0514b58b8ebbf.pdf",
        "corpus/fixtures/pdf/002_61f6de835ac0d6a8.pdf",
        "corpus/fixtures/pdf/003_4c706d359fb8f43f.pdf",
        "corpus/fixtures/pdf/004_35977454894e5686.pdf",
        "corpus/fixtures/docx/004_35977454894e5686.docx",
        "corpus/fixtures/html/003_4c706d359fb8f43f.html",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_RenderedFixture_HasTheGoldFactsOfItsSeed(string fixture)
    {
        var goldPath = Repo.Fixture("Parse", "Fixtures", "gold", Path.GetFileNameWithoutExtension(fixture) + ".json");
        var gold = GoldFacts.Load(goldPath);

        var outcome = Cli.Run("parse", fixture, "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        using var json = JsonDocument.Parse(outcome.StdOut);
        gold.AssertFoundIn(json.RootElement.Deserialize<WrittenQuestion>(Web)!);
        AssertSameFigures(goldPath, json.RootElement.GetProperty("figures"), fixture);
    }

    [Fact]
    public void Parse_RealPdf_HasEveryFactOfItsJson()
    {
        var facts = GoldFacts.Load(Path.Combine(Repo.Root, "corpus", "real", "vrg_en_antw.235.json"));

        var outcome = Cli.Run("parse", "corpus/real/vrg_en_antw.235.pdf", "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        using var json = JsonDocument.Parse(outcome.StdOut);
        facts.AssertFoundIn(json.RootElement.Deserialize<WrittenQuestion>(Web)!);
        AssertSameFigures(Path.Combine(Repo.Root, "corpus", "real", "vrg_en_antw.235.json"), json.RootElement.GetProperty("figures"), "real");
    }

    [Fact]
    public void Parse_SeedAsJson_IncludesFiguresAndChecks()
    {
        var outcome = Cli.Run("parse", "seeds/001_98b0514b58b8ebbf.txt", "--format", "json");

        using var json = JsonDocument.Parse(outcome.StdOut);
        var check = Assert.Single(json.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("product", check.GetProperty("kind").GetString());
        Assert.True(check.GetProperty("holds").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("figures").EnumerateArray(), f => f.GetProperty("text").GetString() == "4.800 euro per traject");
    }

    [Fact]
    public void Parse_SeedAsText_ListsFiguresAndChecks()
    {
        var outcome = Cli.Run("parse", "seeds/004_35977454894e5686.txt");

        Assert.Contains("answer 2     money      EUR 93,167,648", outcome.StdOut);
        Assert.Contains("check sum in answer 2", outcome.StdOut);
        Assert.Contains("holds", outcome.StdOut);
    }

    [Fact]
    public void EvalFigures_Seeds_PrecisionAndRecallOneForMoneyAndPercentages()
    {
        var outcome = Cli.Run("eval", "figures", "--gold", Repo.Fixture("Parse", "Fixtures", "gold"), "--seeds", "seeds", "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        using var json = JsonDocument.Parse(outcome.StdOut);
        foreach (var kind in new[] { "money", "percentage" })
        {
            var score = json.RootElement.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == kind);
            Assert.Equal(1.0, score.GetProperty("precision").GetDouble());
            Assert.Equal(1.0, score.GetProperty("recall").GetDouble());
        }
    }

    /// <summary>The money amounts and percentages of the parse are exactly those of the gold file (value and place).</summary>
    private static void AssertSameFigures(string goldPath, JsonElement figures, string what)
    {
        using var gold = JsonDocument.Parse(File.ReadAllText(goldPath));
        static string Key(decimal value, string where) => $"{value:0.##} @ {where}";
        var expected = new List<string>();
        foreach (var list in new[] { "money", "percentages" })
        {
            if (gold.RootElement.TryGetProperty(list, out var items))
            {
                expected.AddRange(items.EnumerateArray().Select(f => $"{list}: " + Key(f.GetProperty("value").GetDecimal(), f.GetProperty("where").GetString()!)));
            }
        }

        var actual = figures.EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() is "money" or "rate" or "percentage")
            .Select(f =>
            {
                var location = f.GetProperty("location");
                var where = location.GetProperty("section").GetString()!;
                if (location.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number)
                {
                    where += " " + n.GetInt32();
                }

                var list = f.GetProperty("kind").GetString() == "percentage" ? "percentages" : "money";
                return $"{list}: " + Key(f.GetProperty("value").GetDecimal(), where);
            })
            .ToList();

        Assert.True(expected.Order().SequenceEqual(actual.Order()), $"{what}: expected [{string.Join("; ", expected.Order())}] got [{string.Join("; ", actual.Order())}]");
    }
}
