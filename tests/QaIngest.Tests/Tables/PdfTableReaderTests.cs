using System.Collections.Immutable;
using QaIngest.Extract;
using QaIngest.Tables;

namespace QaIngest.Tests.Tables;

/// <summary>
/// The PDF table reader apart from the fixture scores: PDFs of running text (the corpus's question
/// PDFs, the real PDF) hold no table, so no amount is labelled from a table that is not there; and
/// pages without lines give nothing.
/// </summary>
public sealed class PdfTableReaderTests
{
    public static TheoryData<string> ProsePdfs() =>
        [.. Directory.EnumerateFiles(Repo.File_("corpus", "fixtures", "pdf"), "*.pdf").Append(Repo.File_("corpus", "real", "vrg_en_antw.235.pdf")).Order(StringComparer.Ordinal)
            .Select(p => Path.GetRelativePath(Repo.Root, p))];

    [Theory]
    [MemberData(nameof(ProsePdfs))]
    public async Task Read_PdfOfRunningText_FindsNoTable(string file)
    {
        var result = await new PdfTextExtractor(new() { PdfToTextPath = null }).ExtractFileAsync(Path.Combine(Repo.Root, file));
        Assert.True(result.Success, result.Error);
        Assert.NotEmpty(result.Value.Pages);

        Assert.Empty(PdfTableReader.Read(result.Value.Pages));
    }

    [Fact]
    public void Read_NoPagesOrEmptyPages_FindsNothing()
    {
        Assert.Empty(PdfTableReader.Read([]));
        Assert.Empty(PdfTableReader.Read(default));
        Assert.Empty(PdfTableReader.Read([new PdfPage(1, 595, 842, [])]));
    }

    // Word boxes as a renderer places them (13 points high, baseline at y).
    private static PdfLine Line(double y, params (string Text, double X0, double X1)[] words) =>
        new([.. words.Select(w => new PdfWord(w.Text, w.X0, y - 13, w.X1, y))]);

    [Fact]
    public void Read_HeaderCellOverTwoColumns_IsAHeaderLevelOfItsOwn()
    {
        // "2022" and "2023" each stand over a "Bedrag" and an "Aantal" column.
        var page = new PdfPage(1, 595, 842,
        [
            Line(100, ("Tabel", 57, 83), ("2:", 86, 96), ("Productie", 99, 150)),
            Line(120, ("Provincie", 58, 110), ("2022", 230, 256), ("2023", 390, 416)),
            Line(136, ("Bedrag", 180, 220), ("Aantal", 270, 305), ("Bedrag", 340, 380), ("Aantal", 430, 465)),
            Line(152, ("Antwerpen", 58, 115), ("1.234", 190, 220), ("12", 293, 305), ("2.345", 350, 380), ("23", 453, 465)),
            Line(168, ("Limburg", 58, 100), ("5.678", 190, 220), ("56", 293, 305), ("6.789", 350, 380), ("67", 453, 465)),
        ]);

        var table = Assert.Single(PdfTableReader.Read([page]));

        Assert.Equal(2, table.HeaderRows.Length);
        var cell = Assert.Single(table.Cells, c => c.RowLabel == "Limburg" && c.Value == 6_789m);
        Assert.Equal("2023 / Bedrag", cell.ColumnLabel);
        Assert.Equal("2022 / Aantal", Assert.Single(table.Cells, c => c.RowLabel == "Antwerpen" && c.Value == 12m).ColumnLabel);
    }

    [Fact]
    public void Read_TwoAlignedRowsUnderACaption_IsATableWithItsLabels()
    {
        // A caption, a header, two rows with right-aligned amounts.
        var page = new PdfPage(1, 595, 842,
        [
            Line(100, ("Tabel", 57, 83), ("1:", 86, 96), ("Steun", 99, 130), ("per", 133, 150), ("provincie", 153, 200)),
            Line(120, ("Provincie", 60, 110), ("Bedrag", 300, 340)),
            Line(136, ("Antwerpen", 58, 115), ("1.234", 310, 340)),
            Line(152, ("Limburg", 58, 100), ("10.874.878", 285, 340)),
        ]);

        var table = Assert.Single(PdfTableReader.Read([page]));

        Assert.Equal("Tabel 1: Steun per provincie", table.Caption);
        Assert.Equal(new[] { "Antwerpen", "Limburg" }, table.RowLabels.AsEnumerable());
        var cell = Assert.Single(table.Cells, c => c.RowLabel == "Limburg");
        Assert.Equal("Bedrag", cell.ColumnLabel);
        Assert.Equal(10_874_878m, cell.Value);
    }
    // Two right-aligned amount columns 3 points apart (narrower than any word gap a reader could trust),
    // under headers that are too close to tell apart as well.
    private static ImmutableArray<PdfLine> NarrowColumns() =>
    [
        Line(100, ("Tabel", 57, 83), ("1:", 86, 96), ("Terugvorderingen", 99, 200)),
        Line(120, ("Ronde", 58, 90), ("Aantal", 100, 130), ("Teruggevorderd", 150, 210), ("Terugbetaald", 216, 262)),
        Line(140, ("VBM", 58, 80), ("47", 118, 130), ("171.486,14", 160, 212), ("33.221,95", 215, 262)),
        Line(156, ("NVB", 58, 80), ("61", 118, 130), ("141.409,22", 160, 212), ("4.405,39", 220, 262)),
        Line(172, ("VB3", 58, 80), ("49", 118, 130), ("110.596,04", 160, 212), ("17.806,60", 215, 262)),
    ];

    [Fact]
    public void Read_VerticalRuleInANarrowGap_SeparatesTheColumns()
    {
        var rules = ImmutableArray.Create(
            new PdfRule(true, 95, 110, 180),
            new PdfRule(true, 145, 110, 180),
            new PdfRule(true, 213.5, 110, 180),
            new PdfRule(true, 265, 110, 180));

        var without = Assert.Single(PdfTableReader.Read([new PdfPage(1, 595, 842, NarrowColumns())]));
        var with = Assert.Single(PdfTableReader.Read([new PdfPage(1, 595, 842, NarrowColumns()) { Rules = rules }]));

        // Without the rule the two amounts of a row are one cell; with it each has its own column.
        Assert.DoesNotContain(without.Cells, c => c.Value == 33_221.95m);
        Assert.Equal("Terugbetaald", Assert.Single(with.Cells, c => c.RowLabel == "VBM" && c.Value == 33_221.95m).ColumnLabel);
        Assert.Equal("Teruggevorderd", Assert.Single(with.Cells, c => c.RowLabel == "NVB" && c.Value == 141_409.22m).ColumnLabel);
    }

    [Fact]
    public void Read_HorizontalRules_DecideWhichLinesOfALabelAreOneRow()
    {
        // Rows ruled apart; "van persfotografen" wraps in the ruled cell of the row above (no rule
        // between), "Andere" is a row of its own below a rule although it sits as close as a wrapped line.
        var page = new PdfPage(1, 595, 842,
        [
            Line(100, ("Tabel", 57, 83), ("2:", 86, 96), ("Controles", 99, 150)),
            Line(120, ("Vaststelling", 58, 120), ("Aantal", 300, 340)),
            Line(140, ("Catering", 58, 110), ("7", 332, 340)),
            Line(156, ("Activiteiten", 58, 120), ("van", 123, 140), ("fotografen,", 143, 200), ("2", 332, 340)),
            Line(168, ("van", 58, 75), ("persfotografen", 78, 150)),
            Line(180, ("Andere", 58, 100)),
            Line(196, ("Tenten", 58, 100), ("1", 332, 340)),
        ])
        {
            Rules = [new(false, 124, 55, 345), new(false, 143, 55, 345), new(false, 170.5, 55, 345), new(false, 183, 55, 345), new(false, 199, 55, 345)],
        };

        var table = Assert.Single(PdfTableReader.Read([page]));

        Assert.Equal("Activiteiten van fotografen, van persfotografen", Assert.Single(table.Cells, c => c.Value == 2m).RowLabel);
        Assert.Contains("Andere", table.RowLabels);
        Assert.Equal("Tenten", Assert.Single(table.Cells, c => c.Value == 1m).RowLabel);
    }
    [Fact]
    public async Task Read_RuledFixtureWithNarrowGaps_NeedsItsRules()
    {
        // t19: amounts 3-4 points apart in ruled cells. The same pages with their rules dropped lose the
        // column between them.
        var result = await new PdfTextExtractor(new() { PdfToTextPath = null }).ExtractFileAsync(Repo.File_("corpus", "fixtures", "tables", "t19-eventsector-controles.pdf"));
        Assert.True(result.Success, result.Error);
        var pages = result.Value.Pages;
        Assert.Contains(pages, p => p.Rules.Length > 0);

        var with = Assert.Single(PdfTableReader.Read(pages));
        var without = PdfTableReader.Read([.. pages.Select(p => p with { Rules = [] })]);

        Assert.Equal("Teruggevorderd bedrag", Assert.Single(with.Cells, c => c.RowLabel == "VBM" && c.Value == 171_486.14m).ColumnLabel);
        Assert.Equal("Terugbetaald bedrag", Assert.Single(with.Cells, c => c.RowLabel == "VBM" && c.Value == 33_221.95m).ColumnLabel);
        Assert.DoesNotContain(without.SelectMany(t => t.Cells), c => c.RowLabel == "VBM" && c.Value == 171_486.14m && c.ColumnLabel == "Teruggevorderd bedrag");
    }
}
