using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using QaIngest.Extract;
using Xunit.Abstractions;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace QaIngest.Tests.Extract;

public sealed class DocxTextExtractorTests(ITestOutputHelper output)
{
    public static TheoryData<string> DocxFixtures => FixtureCase.Files("Docx");

    [Theory]
    [MemberData(nameof(DocxFixtures))]
    public void Extract_FixtureDocx_HasTheSeedsWords(string file)
    {
        var fixture = FixtureCase.Get(file);

        var result = DocxTextExtractor.Extract(File.ReadAllBytes(fixture.FullPath));

        Assert.True(result.Success, result.Error);
        fixture.AssertSameWordsAsSeed(result.Value.Text, output, $", {result.Value.PageCount} pages");
        Assert.Equal(fixture.Pages, result.Value.PageCount);
    }

    [Theory]
    [MemberData(nameof(DocxFixtures))]
    public void Extract_FixtureDocx_MarksThePageBreakBeforeTheAnswer(string file)
    {
        var fixture = FixtureCase.Get(file);

        var result = DocxTextExtractor.Extract(File.ReadAllBytes(fixture.FullPath));

        Assert.True(result.Success, result.Error);
        var lines = result.Value.Text.Split('\n');
        var pageBreak = Array.IndexOf(lines, "\f");
        Assert.True(pageBreak > 0, "no page break");
        Assert.StartsWith(fixture.AnswerStart!, lines[pageBreak + 2], StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_AutomaticNumbering_WritesTheLabels()
    {
        var docx = BuildNumberedDocument();

        var result = DocxTextExtractor.Extract(docx);

        Assert.True(result.Success, result.Error);
        Assert.Equal(
            ["Inleiding.", "1. Eerste vraag?", "a) leeftijd;", "b) gender;", "2. Tweede vraag?", "a) opnieuw bij a;", "\f", "ANTWOORD", "1. Eerste antwoord.", "- een streepje"],
            result.Value.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, result.Value.PageCount);
    }

    [Fact]
    public void Extract_DamagedPackage_FailsAsCorruptDocx()
    {
        var bytes = File.ReadAllBytes(FixtureCase.Get("docx/004_35977454894e5686.docx").FullPath);

        var result = DocxTextExtractor.Extract(bytes[..(bytes.Length / 2)]);

        Assert.Equal(ExtractionFailure.CorruptDocx, result.Failure);
        Assert.DoesNotContain('\n', result.Error!);
    }

    /// <summary>A document whose list labels exist only in numbering.xml, as Word writes them.</summary>
    private static byte[] BuildNumberedDocument()
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(
                    Level(0, NumberFormatValues.Decimal, "%1."),
                    Level(1, NumberFormatValues.LowerLetter, "%2)"))
                { AbstractNumberId = 1 },
                new AbstractNum(Level(0, NumberFormatValues.Bullet, "\uF0B7")) { AbstractNumberId = 2 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 2 },
                new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = 3 });

            main.Document = new Document(new Body(
                Plain("Inleiding."),
                Numbered("Eerste vraag?", 1, 0),
                Numbered("leeftijd;", 1, 1),
                Numbered("gender;", 1, 1),
                Numbered("Tweede vraag?", 1, 0),
                Numbered("opnieuw bij a;", 1, 1),
                new Paragraph(new Run(new Break { Type = BreakValues.Page })),
                Plain("ANTWOORD"),
                Numbered("Eerste antwoord.", 2, 0),
                Numbered("een streepje", 3, 0)));
        }

        return buffer.ToArray();
    }

    private static Level Level(int index, NumberFormatValues format, string text) =>
        new(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = format }, new LevelText { Val = text }) { LevelIndex = index };

    private static Paragraph Plain(string text) => new(new Run(new WordText(text)));

    private static Paragraph Numbered(string text, int numId, int level) =>
        new(
            new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = numId })),
            new Run(new WordText(text)));
}
