using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Tests.Parse;

/// <summary>
/// The shapes real written questions take in another tool's extraction (shared/real-texts): no
/// blank lines, labels glued to their text, combined labels, headers without <c>aan</c>, answer-only
/// documents, annex text, flattened tables. Each test text is cut from a real document's layout.
/// </summary>
public class RealShapesTests
{
    private const string Header = """
        SCHRIFTELIJKE VRAAG
        nr. 1412
        van ROOSMARIJN BECKERS
        datum: 21 juni 2021
        aan LYDIA PEETERS
        VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN
        """;

    private const string AnswerHeader = """
        ANTWOORD
        op vraag nr. 1412 van 21 juni 2021
        van ROOSMARIJN BECKERS
        """;

    private static WrittenQuestion Parse(string text)
    {
        var result = QuestionParser.Parse(text);
        Assert.True(result.Success, result.Error);
        return result.Value;
    }

    private static string Document(string title, string questions, string answers) =>
        $"{Header}\n{title}\nDe minister kondigde nieuwe plannen aan in de commissie van vorige week.\n{questions}\n{AnswerHeader}\n{answers}\n";

    private static readonly string FiveQuestions = string.Join('\n', Enumerable.Range(1, 5).Select(n => $"{n}.Hoeveel projecten waren er in jaar {n}?"));

    [Fact]
    public void Parse_CombinedAndRangedLabels_CoverEveryQuestionTheyName()
    {
        var q = Parse(Document("Fietspaden - Limburg", FiveQuestions, "1+4.Asielzoekers worden niet apart geïdentificeerd.\n2-3.Voor het antwoord verwijs ik naar Fedasil.\n5.Dat is niet bekend."));

        Assert.Equal([1, 2, 5], q.Answers.Select(a => a.Number));
        Assert.Equal([1, 4], q.Answers[0].Covers.ToArray());
        Assert.Equal([2, 3], q.Answers[1].Covers.ToArray());
        Assert.Equal(AnswerKind.Numbered, q.AnswerKind);
        Assert.Empty(q.Warnings);
    }

    [Theory]
    [InlineData("1 en 2. Beide vragen samen.", new[] { 1, 2 })]
    [InlineData("8, 9. Beide vragen samen.", new[] { 8, 9 })]
    [InlineData("1+3-4. Drie vragen samen.", new[] { 1, 3, 4 })]
    [InlineData("1+(8)+9.Gegevens over praktische examens", new[] { 1, 8, 9 })]
    [InlineData("2.tot en met 5 De VDAB beschikt niet over die gegevens.", new[] { 2, 3, 4, 5 })]
    [InlineData("2.en 3. Zie hoger.", new[] { 2, 3 })]
    [InlineData("Vraag 7 en 8 samen", new[] { 7, 8 })]
    [InlineData("Antwoord op vraag 2", new[] { 2 })]
    public void Item_CombinedLabel_NamesEveryNumber(string line, int[] covers)
    {
        Assert.Equal(covers, LineShape.Item(line)!.Value.Covers.ToArray());
    }

    [Theory]
    [InlineData("01. Aalst 12")]
    [InlineData("2026. Dat is het jaar waarin")]
    [InlineData("4 https://www.vlaanderen.be/cijfers")]
    [InlineData("vraag 8.")]
    public void Item_NotALabel_IsNoItem(string line)
    {
        Assert.Null(LineShape.Item(line));
    }

    [Fact]
    public void Parse_NextLabelAfterTableRow_StartsTheNextAnswer()
    {
        var q = Parse(Document("Adoptie - Kanalen", "1.Hoeveel kanalen?\n2.Welke landen?",
            "1.Onderstaande tabel geeft het overzicht.\nJaartal Landen\n2018 Slovakije Stopgezet\nHongarije Proefkanaal\n2.De huidige adoptiediensten werken samen."));

        Assert.Equal([1, 2], q.Answers.Select(a => a.Number));
        Assert.StartsWith("De huidige", q.Answers[1].Text);
    }

    [Fact]
    public void Parse_ReferenceWordBeforeNumber_KeepsTheNumberInTheSentence()
    {
        var q = Parse(Document("Adoptie - Kanalen", "1.Hoeveel kanalen?\n2.Welke landen?\n3.Welke kosten?",
            "1.U vindt de cijfers in tabblad\n2. Daar staan ze per jaar.\n2.De huidige adoptiediensten werken samen.\n3.Zie hoger."));

        Assert.Equal([1, 2, 3], q.Answers.Select(a => a.Number));
        Assert.Contains("tabblad 2. Daar staan", q.Answers[0].Text);
    }

    [Fact]
    public void Parse_GluedPartLabels_AreTheQuestionsParts()
    {
        var q = Parse(Document("Honden - Socialisatie", "1.a)Werden er al onderzoeken gedaan?\nb)Zo ja, welke verschillen?\n2.Hoeveel controles?",
            "1.a.Er zijn geen onderzoeken.\nb.Dus ook geen verschillen.\n2.Er waren 21 controles."));

        Assert.Equal(["a", "b"], q.Questions[0].Parts.Select(p => p.Label));
        Assert.Equal(["a", "b"], q.Answers[0].Parts.Select(p => p.Label));
    }

    [Fact]
    public void Parse_UnnumberedAnswerToNumberedQuestions_IsOneBlockThatCoversThemAll()
    {
        var q = Parse(Document("Loopbaanonderbreking - Mantelzorg", "1.Hoeveel aanvragen?\n2.Hoeveel toekenningen?\n3.Per provincie?",
            "Het schooljaar 2020-2021 is nog niet afgerond. Daarom acht ik het nu nog niet opportuun om een stand van zaken op te maken."));

        Assert.Equal(AnswerKind.SingleBlock, q.AnswerKind);
        var answer = Assert.Single(q.Answers);
        Assert.Equal([1, 2, 3], answer.Covers.ToArray());
        Assert.Null(q.AnswerPreamble);
        Assert.Empty(q.Warnings);
    }

    [Fact]
    public void Parse_CoordinatedAnswerElsewhere_IsADeferralWithoutAnswers()
    {
        var text = Document("Beleidsdomeinen - Financiering", "1.Hoeveel middelen?\n2.Per gemeente?",
            "Een gecoördineerd antwoord zal worden verstrekt door Gwendolyn Rutten, Viceminister-president van de\nVlaamse Regering.").Replace("ANTWOORD\n", "GECOÖRDINEERD ANTWOORD\n", StringComparison.Ordinal);

        var q = Parse(text);

        Assert.Equal(AnswerKind.Deferral, q.AnswerKind);
        Assert.Empty(q.Answers);
        Assert.Equal(1412, q.AnswerHeader?.Number);
    }

    [Fact]
    public void Parse_HeaderWithoutAan_TakesTheNameAboveTheMinistersTitleOverTwoLines()
    {
        var text = """
            SCHRIFTELIJKE VRAAG
            nr. 124
            van BRECHT WARNEZ
            datum: 14 november 2023
            BEN WEYTS
            VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN ONDERWIJS, SPORT,
            DIERENWELZIJN EN VLAAMSE RAND
            Agentschap Onderwijsdiensten  -  Klanttevredenheid
            Hoe tevreden zijn de klanten van het agentschap?
            1.Werd er een bevraging gedaan?
            ANTWOORD
            op vraag nr. 124 van 14 november 2023
            van BRECHT WARNEZ
            1.Ja, in 2022.
            """;

        var q = Parse(text);

        Assert.Equal("Ben Weyts", q.Minister);
        Assert.StartsWith("Viceminister-President van de Vlaamse Regering", q.MinisterTitle, StringComparison.Ordinal);
        Assert.Contains("Dierenwelzijn", q.MinisterTitle, StringComparison.Ordinal);
        Assert.Equal("Agentschap Onderwijsdiensten - Klanttevredenheid", q.Title);
    }

    [Fact]
    public void Parse_SubjectWrappedOverTwoLinesWithoutBlankLine_StopsBeforeThePreamble()
    {
        var text = $"""
            {Header}
            Interlandelijke adoptie  -  Rapport expertenpanel  -  Eenmaking interlandelijke
            adoptiediensten
            Interlandelijke adoptie staat steeds meer onder druk. In Nederland werd eerder dit jaar
            beslist om de adopties op te schorten.
            1.Wanneer is het rapport klaar?
            {AnswerHeader}
            1.Na het zomerreces.
            """;

        var q = Parse(text);

        Assert.Equal("Interlandelijke adoptie - Rapport expertenpanel - Eenmaking interlandelijke adoptiediensten", q.Title);
        Assert.StartsWith("Interlandelijke adoptie staat", q.Preamble, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnswerOnlyDocument_TakesTheMinisterFromTheBlockAboveTheAnswer()
    {
        var text = """
            JO BROUNS
            VLAAMS MINISTER VAN OMGEVING EN LANDBOUW
            AANVULLEND ANTWOORD
            op vraag nr. 21 van 15 oktober 2024
            van MIEKE SCHAUVLIEGE
            1. Bijlage 1 bevat een overzicht per waterbedrijf.
            2. Bijlage 2 bevat de grootverbruikers.
            """;

        var q = Parse(text);

        Assert.Equal(21, q.Number);
        Assert.Equal("Mieke Schauvliege", q.Asker);
        Assert.Equal("Jo Brouns", q.Minister);
        Assert.Null(q.Title);
        Assert.Equal([1, 2], q.Answers.Select(a => a.Number));
    }

    [Fact]
    public void Parse_SupplementaryAnswerAfterTheFirst_HasItsOwnItems()
    {
        var text = Document("Festivals - Steun", "1.Hoeveel festivals?\n2.Hoeveel steun?\n3.Wanneer?",
            "1.Tien festivals.\n2.Dat wordt onderzocht.\n3.Na de zomer.\nZUHAL DEMIR\nVLAAMS MINISTER VAN JUSTITIE EN HANDHAVING\nAANVULLEND ANTWOORD\nop vraag nr. 1412 van 21 juni 2021\nvan ROOSMARIJN BECKERS\n2-3.Er werd 312.500 euro toegekend, in september.");

        var q = Parse(text);

        Assert.True(q.SupplementaryAnswer);
        Assert.Equal([1, 2, 3], q.Answers.Select(a => a.Number));
        Assert.Equal("Na de zomer.", q.Answers[2].Text);
        var supplementary = Assert.Single(q.SupplementaryAnswers);
        Assert.Equal([2, 3], supplementary.Covers.ToArray());
    }

    [Fact]
    public void Parse_BijlageAfterTheLastAnswer_IsAnnexTextNotPartOfTheAnswer()
    {
        var q = Parse(Document("Sociale woningen - Leegstand", "1.Hoeveel huishoudens?\n2.Hoeveel leegstand?",
            "1.U vindt de gevraagde gegevens in de bijlage 1.\n2.U vindt de gevraagde gegevens in de bijlage 2.\nBIJLAGEN\n1.Sociale woningen huishoudens\n2.Sociale woningen leegstand"));

        Assert.Equal([1, 2], q.Answers.Select(a => a.Number));
        Assert.Equal("U vindt de gevraagde gegevens in de bijlage 2.", q.Answers[1].Text);
        Assert.Contains("Sociale woningen leegstand", q.AnnexText);
    }

    [Fact]
    public void Parse_OnlyScraperWhiteSpace_IsANoTextError()
    {
        var result = QuestionParser.Parse(" \n \n\n");

        Assert.False(result.Success);
        Assert.Contains("no text", result.Error);
    }

    [Fact]
    public void Figures_YearNextToACurrencySignInAFlattenedTable_IsNeverMoney()
    {
        var text = "Budget Percentage Budget Percentage\n2018 € 3.609.079 18% € 565.070 3%\n2019 € 0 0% € 6.328 0%\n2020 € 1.838.981 11% € 1.270.949 7%";

        var figures = FigureExtractor.ExtractFromText(text, new TextLocation(Section.Answer, 3)).Figures.Where(f => f.IsMoney).ToList();

        Assert.DoesNotContain(figures, f => f.Value is 2018 or 2019 or 2020);
        Assert.Equal([3_609_079m, 565_070m, 0m, 6_328m, 1_838_981m, 1_270_949m], figures.Select(f => f.Value));
    }

    [Fact]
    public void Figures_YearBeforeAnAmount_IsNotTheLowEndOfARange()
    {
        var figures = FigureExtractor.ExtractFromText("In 2021 - 100.000 euro werd toegekend.", new TextLocation(Section.Preamble)).Figures;

        var money = Assert.Single(figures, f => f.IsMoney);
        Assert.Equal(100_000m, money.Value);
        Assert.Null(money.RangeEnd);
    }

    [Fact]
    public void Figures_MisplacedThousandsSeparator_IsReportedAsWrittenWithAWarning()
    {
        var figures = FigureExtractor.ExtractFromText("Het bedrag was 1.591.505.98 euro in 2023.", new TextLocation(Section.Answer, 1)).Figures;

        var money = Assert.Single(figures, f => f.IsMoney);
        Assert.Equal(159_150_598m, money.Value);
        Assert.Contains("misplaced-separator", money.Warning);
    }
}
