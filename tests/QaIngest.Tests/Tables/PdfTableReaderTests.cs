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
}
