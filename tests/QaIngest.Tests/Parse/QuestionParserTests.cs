using QaIngest.Parse;

namespace QaIngest.Tests.Parse;

public class QuestionParserTests
{
    public static TheoryData<string> GoldFiles() => [.. GoldFacts.Files().Select(f => Path.GetFileName(f))];

    private static WrittenQuestion ParseSeed(string name)
    {
        var result = QuestionParser.Parse(File.ReadAllText(Repo.Seed(name)));
        Assert.True(result.Success, result.Error);
        return result.Value;
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Parse_Seed_FindsEveryGoldFact(string goldFile)
    {
        var gold = GoldFacts.Load(Repo.Fixture("Parse", "Fixtures", "gold", goldFile));
        gold.AssertFoundIn(ParseSeed(gold.File));
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Parse_Seed_HasNoWarnings(string goldFile)
    {
        var gold = GoldFacts.Load(Repo.Fixture("Parse", "Fixtures", "gold", goldFile));
        Assert.Empty(ParseSeed(gold.File).Warnings);
    }

    [Fact]
    public void Parse_AnswerWithLetteredListsForUnletteredQuestion_HasNoParts()
    {
        var answer = ParseSeed("000_57b4a00a02773f93.txt").Answers.Single(a => a.Number == 4);

        Assert.Empty(answer.Parts);
        Assert.Contains("a) Versterkte kennisdeling", answer.Text);
        Assert.Contains("f) Vanuit DWSE vond in 2023", answer.Text);
    }

    [Fact]
    public void Parse_AnswerNumberWithoutSpace_StartsAnswer()
    {
        var answers = ParseSeed("002_61f6de835ac0d6a8.txt").Answers;

        Assert.StartsWith("VDAB heeft geen aparte monitoring", answers.Single(a => a.Number == 10).Text);
        Assert.StartsWith("VDAB hanteert de afstand", answers.Single(a => a.Number == 11).Text);
    }

    [Fact]
    public void Parse_NumberAloneOnItsLine_TakesLetteredPartsThatFollow()
    {
        var answer = ParseSeed("000_57b4a00a02773f93.txt").Answers.Single(a => a.Number == 6);

        Assert.Equal(["a", "b"], answer.Parts.Select(p => p.Label));
        Assert.Equal("Het antwoord op vraag 6b, zie bijlage 1, tabblad 5. De cijfers voor 2023 zijn uiteraard nog niet volledig representatief, gezien nog veel trajecten lopend zijn.", answer.Parts[1].Text);
    }

    [Fact]
    public void Parse_QuestionPartWithBullets_KeepsBulletsInPart()
    {
        var part = ParseSeed("000_57b4a00a02773f93.txt").Questions.Single(q => q.Number == 6).Parts[1];

        Assert.Equal("Hoeveel van de opgestarte trajecten hebben geleid tot:\n- een geslaagde re-integratie;\n- stopzetting?", part.Text);
    }

    [Fact]
    public void Parse_HeaderBlock_ReadsMinisterAndTitleDisplayCased()
    {
        var q = ParseSeed("000_57b4a00a02773f93.txt");

        Assert.Equal("Jo Brouns", q.Minister);
        Assert.Equal("Vlaams minister van Economie, Innovatie, Werk, Sociale economie en Landbouw", q.MinisterTitle);
    }

    [Fact]
    public void Parse_HyphenAtLineEnd_IsKeptAsRealHyphen()
    {
        var q = ParseSeed("000_57b4a00a02773f93.txt");

        Assert.Contains("huismoeders en -vaders", q.Questions.Single(i => i.Number == 3).Text);
        Assert.Contains("behandelende en re-integratiesector", q.Answers.Single(i => i.Number == 4).Text);
    }

    [Fact]
    public void Parse_PageBreakInsideParagraph_JoinsTheParagraph()
    {
        var text = ParseSeed("004_35977454894e5686.txt").Answers.Single(a => a.Number == 2).Text;

        Assert.Contains("- Voor werkzoekenden met ernstige gezondheidsproblemen of een arbeidsbeperking werken deze teams nauw samen", text);
    }

    [Fact]
    public void Parse_AnswerPreambleWithoutMarker_EndsLastQuestion()
    {
        var q = ParseSeed("003_4c706d359fb8f43f.txt");

        Assert.Equal("Welke andere initiatieven neemt de minister?", q.Questions[^1].Text);
        Assert.StartsWith("Vooreerst deel ik het Vlaams Parlementslid mee", q.AnswerPreamble);
    }

    [Fact]
    public void Parse_AnnexTitleAfterLastAnswer_IsNotAnswerText()
    {
        var q = ParseSeed("001_98b0514b58b8ebbf.txt");

        Assert.EndsWith("(i.e., 24 miljoen euro)", q.Answers[^1].Text);
        Assert.Equal(new Annex("Overzicht", 15149, "http://www.vlaamsparlement.be/link?id=15149"), Assert.Single(q.Annexes));
    }

    [Fact]
    public void Parse_MultiMinisterSentence_ListsMinistersWithNumbers()
    {
        const string text = """
            Subsidies voor jeugdwerk

            1. Hoeveel subsidies werden toegekend?

            1. Er werden 12 subsidies toegekend.

            Deze vraag werd gesteld aan de ministers Jan Jambon (142), Hilde Crevits (256), Ben Weyts (301) en Annick De Ridder (12).
            """;

        var q = QuestionParser.Parse(text).Value!;

        Assert.Equal(
            [new("Jan Jambon", 142), new("Hilde Crevits", 256), new("Ben Weyts", 301), new("Annick De Ridder", 12)],
            q.Ministers.ToArray());
    }

    [Fact]
    public void Parse_SeedCutInHalf_ParsesWithWarnings()
    {
        var text = File.ReadAllText(Repo.Seed("001_98b0514b58b8ebbf.txt"));

        var result = QuestionParser.Parse(text[..(text.Length / 2)]);

        Assert.True(result.Success);
        Assert.Equal(9, result.Value.Questions.Length);
        Assert.Equal([1, 2, 3, 4, 5], result.Value.Answers.Select(a => a.Number));
        Assert.Contains(result.Value.Warnings, w => w.Code == "count-mismatch");
    }

    [Fact]
    public void Parse_SeedWithoutAnswerPart_ReportsNoAnswer()
    {
        var text = File.ReadAllText(Repo.Seed("002_61f6de835ac0d6a8.txt"));

        var result = QuestionParser.Parse(text[..text.IndexOf(" ANTWOORD", StringComparison.Ordinal)]);

        Assert.True(result.Success);
        Assert.Equal(11, result.Value.Questions.Length);
        Assert.Empty(result.Value.Answers);
        Assert.Contains(result.Value.Warnings, w => w.Code == "no-answer");
    }

    [Fact]
    public void Parse_NumberingGapAndMissingAnswer_WarnsButParses()
    {
        const string text = """
            Onderwerp

            1. Eerste vraag?

            2. Tweede vraag?

            4. Vierde vraag?

            1. Eerste antwoord.

            2. Tweede antwoord.
            """;

        var q = QuestionParser.Parse(text).Value!;

        Assert.Equal([1, 2, 4], q.Questions.Select(i => i.Number));
        Assert.Equal([1, 2], q.Answers.Select(i => i.Number));
        Assert.Contains(q.Warnings, w => w.Code == "numbering-gap");
        Assert.Contains(q.Warnings, w => w.Code == "count-mismatch");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n \t \n")]
    public void Parse_EmptyText_FailsWithReason(string text)
    {
        var result = QuestionParser.Parse(text);

        Assert.False(result.Success);
        Assert.Contains("empty", result.Error);
    }

    [Fact]
    public void Parse_OneMegabyteOfRandomBytes_FailsWithReason()
    {
        var bytes = new byte[1 << 20];
        new Random(20240212).NextBytes(bytes);

        var result = QuestionParser.Parse(System.Text.Encoding.UTF8.GetString(bytes));

        Assert.False(result.Success);
        Assert.StartsWith("binary content", result.Error);
    }

    [Fact]
    public void Parse_ProseWithoutStructure_ParsesWithWarnings()
    {
        var result = QuestionParser.Parse("Dit is gewoon een zin zonder vragen of antwoorden.");

        Assert.True(result.Success);
        Assert.Empty(result.Value.Questions);
        Assert.Contains(result.Value.Warnings, w => w.Code == "no-questions");
    }
}
