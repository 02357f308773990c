using System.Text;
using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Tests.Figures;

/// <summary>
/// Hostile input for the number grammar: random and extreme digit strings, and texts built from
/// the grammar's own tokens, must never make it throw (a real chart legend, "1121126317115…",
/// once overflowed the decimal). Seeded, so a failure is reproducible.
/// </summary>
public class NumberFuzzTests
{
    private const string DigitAlphabet = "0123456789.,";

    public static TheoryData<string> Extremes() =>
    [
        "1121126317115122112136121111253111711411471111",
        new string('9', 29),
        new string('9', 30),
        new string('9', 400),
        "79.228.162.514.264.337.593.543.950.335",
        "79.228.162.514.264.337.593.543.950.336",
        "999.999.999.999.999.999.999.999.999.999",
        "1," + new string('9', 40),
        new string('9', 28) + "," + new string('9', 28),
        "1.000.000.000.000.000",
        "1.5", ".5", ",", ".", "..", ",,", "1,", "1.", "1..000", "1,0,0",
    ];

    [Theory]
    [MemberData(nameof(Extremes))]
    public void TryParseDigits_ExtremeToken_DoesNotThrow(string token)
    {
        var ok = DutchNumber.TryParseDigits(token, out var value, out _, out _);

        Assert.True(!ok || value >= 0);
        _ = DutchNumber.TryParsePointDecimal(token, out _, out _);
    }

    [Fact]
    public void TryParseDigits_TooManyDigits_IsNotAQuantity()
    {
        Assert.False(DutchNumber.TryParseDigits("1121126317115122112136121111253111711411471111", out _, out _, out _));
        Assert.True(DutchNumber.TryParseDigits("266.225.260", out var value, out _, out _));
        Assert.Equal(266_225_260m, value);
    }

    [Fact]
    public void TryParseDigits_RandomDigitStrings_NeverThrow()
    {
        var random = new Random(11);
        for (var n = 0; n < 20_000; n++)
        {
            var token = RandomString(random, DigitAlphabet, random.Next(1, n % 10 == 0 ? 120 : 40));
            var ok = DutchNumber.TryParseDigits(token, out var value, out var decimals, out _);
            Assert.True(!ok || (value >= 0 && decimals >= 0), token);
            _ = DutchNumber.TryParsePointDecimal(token, out _, out _);
        }
    }

    [Fact]
    public void ExtractFromText_RandomTextsOfGrammarTokens_NeverThrow()
    {
        string[] words =
        [
            "€", "EUR", "euro", "miljoen", "miljard", "biljoen", "duizend", "per", "x", "%", "procent", "procentpunt",
            "ongeveer", "meer", "dan", "tussen", "en", "tot", "trajecten", "per traject", "totaal", "waarvan", ":", "-",
            "2020", "2021-2022", "\n", "\n\n", "a)", "1.", "- ", "(", ")", "twee", "vijfentwintig", "anderhalf", "half",
            "€ 24,-", "24,--", "1.5", "0,5", "=", "+", ";", ".",
        ];
        var random = new Random(1121);
        for (var n = 0; n < 3_000; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 60);
            for (var k = 0; k < length; k++)
            {
                text.Append(random.Next(3) == 0 ? RandomString(random, DigitAlphabet, random.Next(1, 45)) : words[random.Next(words.Length)]);
                text.Append(random.Next(8) == 0 ? "" : " ");
            }

            var source = text.ToString();
            var extraction = FigureExtractor.ExtractFromText(source, new TextLocation(Section.Answer, 1));
            Assert.All(extraction.Figures, f => Assert.Equal(f.Text, source.Substring(f.Start, f.Length)));
        }
    }

    [Fact]
    public void Parse_TableOfHugeDigitRuns_ParsesWithFigures()
    {
        var text = "SCHRIFTELIJKE VRAAG\nnr. 1\nvan A B\ndatum: 1 januari 2024\naan C D\nVLAAMS MINISTER VAN WERK\nTitel - Onderwerp\n"
                   + "1. Hoeveel?\nANTWOORD\nop vraag nr. 1 van 1 januari 2024\nvan A B\nDe meldingen: 1121126317115122112136121111253111711411471111\n"
                   + string.Join("\n", Enumerable.Range(0, 50).Select(i => $"€ {new string('9', 20 + i)}")) + "\n";

        var parsed = QuestionParser.Parse(text);

        Assert.True(parsed.Success);
        var figures = FigureExtractor.Extract(parsed.Value!);
        Assert.DoesNotContain(figures.Figures, f => f.Value >= 1_000_000_000_000_000_000m);
    }

    [Fact]
    public void Parse_RandomDocumentsOfRealLineShapes_NeverThrow()
    {
        string[] shapes =
        [
            "SCHRIFTELIJKE VRAAG", "nr. 12", "nr. (niet opgegeven)", "van A B", "datum: 1 januari 2024", "aan C D", "JO BROUNS",
            "VLAAMS MINISTER VAN WERK", "Titel  -  Onderwerp", "ANTWOORD", "GECOÖRDINEERD ANTWOORD", "AANVULLEND ANTWOORD",
            "op vraag nr. 12 van 1 januari 2024", "1.Hoeveel?", "2. Welke?", "1-3.", "1+(8)+9.", "2.tot en met 5", "8, 9. Samen.",
            "Vraag 7 en 8 samen", "a)Tot", "b. Dan", "1.a.", "2.42 aanvragen", "01. Aalst 12", "2020 € 3.609.079", "€", "BIJLAGE",
            "Bijlage:", "4 https://www.vlaanderen.be", "Een gecoördineerd antwoord zal worden verstrekt door X.", "", " ", "i",
            "- bullet", "tabblad", "Zie antwoord 2.", "(actiepunt 7)", "‘Open quote", "tekst die doorloopt", "9 en 10. In april",
        ];
        var random = new Random(2050526);
        for (var n = 0; n < 2_000; n++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 80)).Select(_ => shapes[random.Next(shapes.Length)]);
            var text = string.Join(random.Next(4) == 0 ? "\n\n" : "\n", lines);

            var parsed = QuestionParser.Parse(text);

            if (parsed.Success)
            {
                _ = FigureExtractor.Extract(parsed.Value);
            }
        }
    }

    private static string RandomString(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
