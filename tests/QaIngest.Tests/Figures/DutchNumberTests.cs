using System.Text.Json;
using QaIngest.Figures;

namespace QaIngest.Tests.Figures;

public class DutchNumberTests
{
    public static TheoryData<string, string> Digits() => Load("digits");

    public static TheoryData<string, string> Words() => Load("words");

    [Theory]
    [MemberData(nameof(Digits))]
    public void TryParseDigits_FixtureToken_GivesValueOrRejects(string text, string expected)
    {
        var ok = DutchNumber.TryParseDigits(text, out var value, out _, out _);

        Assert.Equal(expected, ok ? Normalised(value) : "null");
    }

    [Theory]
    [MemberData(nameof(Words))]
    public void TryParseWord_FixtureWord_GivesValueOrRejects(string text, string expected)
    {
        var ok = DutchNumber.TryParseWord(text, out var value);

        Assert.Equal(expected, ok ? Normalised(value) : "null");
    }

    [Fact]
    public void TryParsePointDecimal_OneOrTwoDigitsAfterThePoint_ReadsADecimal()
    {
        Assert.True(DutchNumber.TryParsePointDecimal("1.5", out var value, out var decimals));
        Assert.Equal(1.5m, value);
        Assert.Equal(1, decimals);
        Assert.False(DutchNumber.TryParsePointDecimal("1.500", out _, out _));
    }

    // Values are compared as normalised invariant strings so 24000000.00 equals 24000000.
    private static string Normalised(decimal value) =>
        (value / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static TheoryData<string, string> Load(string list)
    {
        var data = new TheoryData<string, string>();
        using var document = JsonDocument.Parse(File.ReadAllText(Repo.Fixture("Figures", "Fixtures", "numbers.json")));
        foreach (var item in document.RootElement.GetProperty(list).EnumerateArray())
        {
            var value = item.GetProperty("value");
            data.Add(item.GetProperty("text").GetString()!, value.ValueKind == JsonValueKind.Null ? "null" : Normalised(value.GetDecimal()));
        }

        return data;
    }
}
