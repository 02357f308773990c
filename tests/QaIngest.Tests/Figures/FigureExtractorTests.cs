using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Tests.Figures;

public class FigureExtractorTests
{
    private static readonly TextLocation Here = new(Section.Answer, 1);

    public static TheoryData<string> Sentences() => [.. SentenceCase.Load().Select(c => c.Sentence)];

    [Fact]
    public void Fixture_Sentences_CoverEnoughFiguresAndNonFigures()
    {
        var cases = SentenceCase.Load();

        Assert.True(cases.Count(c => c.Figures.Count > 0) >= 60, "at least 60 phrasings with figures");
        Assert.True(cases.Count(c => c.Figures.Count == 0) >= 60, "at least 60 phrasings without figures");
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void ExtractFromText_FixtureSentence_FindsExactlyTheExpectedFigures(string sentence)
    {
        var expected = SentenceCase.Find(sentence);

        var found = FigureExtractor.ExtractFromText(sentence, Here).Figures;

        Assert.Equal(Describe(expected.Figures), Describe(found));
        foreach (var (want, got) in expected.Figures.Zip(found))
        {
            Assert.Equal(want.Text, got.Text);
            if (want.Currency is not null)
            {
                Assert.Equal(want.Currency, got.Currency);
            }

            if (want.Unit is not null)
            {
                Assert.Equal(want.Unit, got.Unit);
            }

            Assert.Equal(want.Per, got.Per);
            Assert.Equal(want.Qualifier, got.Qualifier);
            Assert.Equal(want.RangeEnd, got.RangeEnd);
            Assert.Equal(want.Implied ?? false, got.Implied);
            if (want.Years is not null)
            {
                Assert.Equal<int>(want.Years, got.Years);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void ExtractFromText_FixtureSentence_FindsExactlyTheExpectedChecks(string sentence)
    {
        var expected = SentenceCase.Find(sentence).Checks ?? [];

        var found = FigureExtractor.ExtractFromText(sentence, Here).Checks;

        Assert.Equal(
            expected.Select(c => $"{c.Kind} {c.Total} = [{string.Join(", ", c.Parts)}] holds={c.Holds}"),
            found.Select(c => $"{c.Kind.ToString().ToLowerInvariant()} {c.Total.Value} = [{string.Join(", ", c.Parts.Select(p => p.Value))}] holds={c.Holds}"));
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void ExtractFromText_AnyFigure_TextIsTheSpanAtItsOffsetsInItsSentence(string sentence)
    {
        foreach (var figure in FigureExtractor.ExtractFromText(sentence, Here).Figures)
        {
            Assert.Equal(figure.Text, sentence.Substring(figure.Start, figure.Length));
            Assert.Contains(figure.Text, figure.Sentence);
            Assert.Equal(Here, figure.Location);
        }
    }

    [Fact]
    public void ExtractFromText_EmptyText_FindsNothing()
    {
        var result = FigureExtractor.ExtractFromText("", Here);

        Assert.Empty(result.Figures);
        Assert.Empty(result.Checks);
    }

    [Fact]
    public void ExtractFromText_TwoSentences_EachFigureKeepsItsOwnSentenceAndYears()
    {
        const string text = "In 2019 ging er € 5 miljoen naar opleiding. In 2020 was dat 10%.";

        var figures = FigureExtractor.ExtractFromText(text, Here).Figures;

        Assert.Equal("In 2019 ging er € 5 miljoen naar opleiding.", figures[0].Sentence);
        Assert.Equal<int>([2019], figures[0].Years);
        Assert.Equal("In 2020 was dat 10%.", figures[1].Sentence);
        Assert.Equal<int>([2020], figures[1].Years);
    }

    [Fact]
    public void Extract_Question_LocatesFiguresBySectionNumberAndPart()
    {
        var question = new WrittenQuestion
        {
            Preamble = "Ongeveer 80 procent vindt werk.",
            Questions = [new QuestionItem(2, "Hoeveel kost het?", [new ItemPart("a", "Is 5% haalbaar?")])],
            AnswerPreamble = "Vooraf: het budget is 6 miljoen.",
            Answers = [new AnswerItem(2, "Het kost 1.000 euro.", [new ItemPart("b", "Er zijn 300 deelnemers.")])],
        };

        var figures = FigureExtractor.Extract(question).Figures;

        Assert.Equal(
            ["preamble: 80", "question 2a: 5", "answerpreamble: 6000000", "answer 2: 1000", "answer 2b: 300"],
            figures.Select(f => $"{f.Location}: {f.Value}"));
    }

    [Fact]
    public void Extract_FigureOffsets_PointIntoTheTextOfTheirItemOrPart()
    {
        var part = new ItemPart("b", "Er zijn 300 deelnemers.");
        var question = new WrittenQuestion { Answers = [new AnswerItem(2, "Het kost 1.000 euro.", [part])] };

        var figures = FigureExtractor.Extract(question).Figures;

        Assert.Equal("1.000 euro", question.Answers[0].Text.Substring(figures[0].Start, figures[0].Length));
        Assert.Equal("300 deelnemers", part.Text.Substring(figures[1].Start, figures[1].Length));
    }

    private static IEnumerable<string> Describe(IEnumerable<ExpectedFigure> figures) =>
        figures.Select(f => $"{f.Kind} {f.Value}{(f.RangeEnd is { } end ? "-" + end : "")} '{f.Text}'");

    private static IEnumerable<string> Describe(IEnumerable<Figure> figures) =>
        figures.Select(f => $"{f.Kind.ToString().ToLowerInvariant()} {f.Value}{(f.RangeEnd is { } end ? "-" + end : "")} '{f.Text}'");
}
