using System.Text.Json;
using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Tests.Figures;

/// <summary>
/// The figures of the five seeds against the gold files (shared/gold, as copied by the parser's
/// tests to Parse/Fixtures/gold): every money amount and percentage found where it stands, nothing
/// else reported as money or percentage, the gold counts found, the gold sums found and holding.
/// </summary>
public class FigureGoldTests
{
    public static TheoryData<string> GoldFiles() => [.. GoldFileNames()];

    public static TheoryData<string, string, decimal, decimal, decimal> Products()
    {
        var data = new TheoryData<string, string, decimal, decimal, decimal>();
        using var document = JsonDocument.Parse(File.ReadAllText(Repo.Fixture("Figures", "Fixtures", "products.json")));
        foreach (var p in document.RootElement.GetProperty("products").EnumerateArray())
        {
            data.Add(p.GetProperty("file").GetString()!, p.GetProperty("where").GetString()!,
                p.GetProperty("total").GetDecimal(), p.GetProperty("count").GetDecimal(), p.GetProperty("rate").GetDecimal());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Extract_Seed_FindsEveryGoldMoneyAmountAndPercentageWhereItStands(string goldFile)
    {
        var (gold, found) = Load(goldFile);

        var scores = FigureEvaluation.Evaluate(found.Figures, gold.Figures);

        Assert.True(
            scores[FigureKind.Money].Recall == 1 && scores[FigureKind.Percentage].Recall == 1,
            "missed: " + string.Join("; ", scores.Missed.Where(m => m.Kind != FigureKind.Count).Select(m => $"{m.Kind} {m.Value} at {m.Location} ('{m.Text}')")));
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Extract_Seed_ReportsNoMoneyOrPercentageBeyondGold(string goldFile)
    {
        var (gold, found) = Load(goldFile);

        var scores = FigureEvaluation.Evaluate(found.Figures, gold.Figures);

        Assert.True(
            scores[FigureKind.Money].Precision == 1 && scores[FigureKind.Percentage].Precision == 1,
            "not in gold: " + string.Join("; ", scores.Unexpected.Where(f => f.Kind != FigureKind.Count).Select(f => $"{f.Kind} {f.Value} at {f.Location} ('{f.Text}')")));
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Extract_Seed_FindsEveryGoldCount(string goldFile)
    {
        var (gold, found) = Load(goldFile);

        var scores = FigureEvaluation.Evaluate(found.Figures, gold.Figures);

        Assert.True(
            scores[FigureKind.Count].Recall == 1,
            "missed: " + string.Join("; ", scores.Missed.Where(m => m.Kind == FigureKind.Count).Select(m => $"{m.Value} at {m.Location} ('{m.Text}')")));
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Extract_Seed_FindsEveryGoldSumAndItHolds(string goldFile)
    {
        var (gold, found) = Load(goldFile);

        foreach (var sum in gold.Sums)
        {
            var check = Assert.Single(found.Checks, c => c.Kind == CheckKind.Sum && c.Total.Value == sum.Total);
            Assert.Equal(sum.Location, check.Location with { Part = sum.Location.Part });
            Assert.Equal(sum.Parts, check.Parts.Select(p => p.Value));
            Assert.True(check.Holds);
        }
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Extract_Seed_EveryCheckFoundHolds(string goldFile)
    {
        var (_, found) = Load(goldFile);

        Assert.All(found.Checks, c => Assert.True(c.Holds, $"{c.Kind} at {c.Location}: {c.Total.Value} vs {c.Computed}"));
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void Extract_Seed_FindsTheProductCheckAndItHolds(string file, string where, decimal total, decimal count, decimal rate)
    {
        var found = FigureExtractor.Extract(ParseSeed(file));

        var check = Assert.Single(found.Checks, c => c.Kind == CheckKind.Product);
        Assert.Equal(FigureGoldFile.ParseWhere(where), check.Location);
        Assert.Equal(total, check.Total.Value);
        Assert.Equal([count, rate], check.Parts.Select(p => p.Value));
        Assert.True(check.Holds);
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Extract_SeedSumWithOnePartChanged_SumCheckDoesNotHold(string goldFile)
    {
        var (gold, _) = Load(goldFile);
        var question = ParseSeed(gold.File);
        foreach (var sum in gold.Sums)
        {
            var answer = question.Answers.Single(a => a.Number == sum.Location.Number);
            var part = FigureExtractor.ExtractFromText(answer.Text, sum.Location).Figures.First(f => f.Value == sum.Parts[0]);
            var lastDigit = part.Start + part.Length - 1;
            var changed = answer.Text[..lastDigit] + (answer.Text[lastDigit] == '1' ? '2' : '1') + answer.Text[(lastDigit + 1)..];

            var check = Assert.Single(FigureExtractor.ExtractFromText(changed, sum.Location).Checks, c => c.Kind == CheckKind.Sum);

            Assert.False(check.Holds);
            Assert.NotEqual(check.Total.Value, check.Computed);
        }
    }

    private static IEnumerable<string> GoldFileNames() =>
        Directory.EnumerateFiles(GoldDirectory(), "*.json")
            .Select(Path.GetFileName)
            .Where(name => name![0] is >= '0' and <= '9')
            .Order(StringComparer.Ordinal)!;

    // The parser's tests keep the copy of shared/gold; a Figures-only copy is the fallback.
    private static string GoldDirectory()
    {
        var parse = Repo.Fixture("Parse", "Fixtures", "gold");
        return Directory.Exists(parse) ? parse : Repo.Fixture("Figures", "Fixtures", "gold");
    }

    private static (FigureGoldFile Gold, FigureExtraction Found) Load(string goldFile)
    {
        var gold = FigureGoldFile.Parse(File.ReadAllText(Path.Combine(GoldDirectory(), goldFile)))
            ?? throw new InvalidDataException(goldFile + " is not a gold file");
        return (gold, FigureExtractor.Extract(ParseSeed(gold.File)));
    }

    private static WrittenQuestion ParseSeed(string name)
    {
        var result = QuestionParser.Parse(File.ReadAllText(Repo.Seed(name)));
        Assert.True(result.Success, result.Error);
        return result.Value;
    }
}
