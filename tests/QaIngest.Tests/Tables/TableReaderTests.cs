using QaIngest.Figures;
using QaIngest.Parse;
using QaIngest.Tables;

namespace QaIngest.Tests.Tables;

/// <summary>The table readers and table figures on small tables written here, each fact read off the table by eye.</summary>
public class TableReaderTests
{
    private const string Html = """
        <html><body>
        <p>Tabel 3a: Toegekende steun per provincie (in euro)</p>
        <table>
          <tr><th rowspan="2">Provincie</th><th colspan="2">Steun</th></tr>
          <tr><th>2022</th><th>2023</th></tr>
          <tr><td>Antwerpen</td><td>1.200.000</td><td>1.300.000</td></tr>
          <tr><td>Limburg</td><td>9.874.878</td><td>10.874.878</td></tr>
          <tr><td>Totaal</td><td>11.074.878</td><td>12.174.878</td></tr>
        </table>
        </body></html>
        """;

    [Fact]
    public void Html_RowspanColspanHeader_CellsHaveJoinedColumnLabels()
    {
        var table = Assert.Single(HtmlTableReader.Read(Html));

        Assert.Equal("Tabel 3a: Toegekende steun per provincie (in euro)", table.Caption);
        Assert.Equal(2, table.HeaderRows.Length);
        Assert.Equal(["Antwerpen", "Limburg", "Totaal"], table.RowLabels.ToArray());
        Assert.Equal("Totaal", table.TotalsRow);
        Assert.Equal("euro", table.Unit);
        var limburg = Assert.Single(table.Cells, c => c.RowLabel == "Limburg" && c.ColumnLabel == "Steun / 2023");
        Assert.Equal(10874878m, limburg.Value);
        Assert.Equal(TableCellKind.Money, limburg.Kind);
        Assert.Equal(6, table.Cells.Length);
    }

    [Fact]
    public void TableFigures_TotalsRow_SumChecksPerColumn_AndOneFigurePerAmount()
    {
        var table = Assert.Single(HtmlTableReader.Read(Html));
        var text = "Provincie Steun 2022 2023 Antwerpen 1.200.000 1.300.000 Limburg 9.874.878 10.874.878 Totaal 11.074.878 12.174.878";
        var question = new WrittenQuestion { Answers = [new AnswerItem(1, text, [])] };

        var extraction = FigureExtractor.Extract(TableAttacher.Attach(question, [table]));

        var money = extraction.Figures.Where(f => f.IsMoney).ToList();
        Assert.Equal(6, money.Count);
        Assert.All(money, f => Assert.Equal(new TextLocation(Section.Answer, 1), f.Location));
        var limburg = Assert.Single(money, f => f.Value == 10874878m);
        Assert.Equal(("Limburg", "Steun / 2023"), (limburg.Row, limburg.Column));
        var sums = extraction.Checks.Where(c => c.Kind == CheckKind.Sum && c.Total.Row == "Totaal").ToList();
        Assert.Equal(2, sums.Count);
        Assert.All(sums, c => Assert.True(c.Holds));
    }

    [Fact]
    public void TableFigures_WrongTotal_CheckDoesNotHold()
    {
        var html = Html.Replace("12.174.878", "12.174.879", StringComparison.Ordinal);
        var question = new WrittenQuestion { Answers = [new AnswerItem(1, "Limburg 10.874.878", [])] };

        var extraction = FigureExtractor.Extract(TableAttacher.Attach(question, HtmlTableReader.Read(html)));

        var failing = Assert.Single(extraction.Checks, c => !c.Holds);
        Assert.Equal("Steun / 2023", failing.Total.Column);
        Assert.Equal(12174878m, failing.Computed);
    }

    [Fact]
    public void FlatText_YearHeaderAndRepeatingRows_GetsRowAndColumnLabels()
    {
        const string text = "Bedragen K€ 2021 2022 2023 PPS Stelplaatsen 4.855 € 4.771 € 6.179 € PPS LIVAN 6.507 € 7.850 € 7.572 €";
        var question = new WrittenQuestion { Answers = [new AnswerItem(1, text, [])] };

        var extraction = FigureExtractor.Extract(question);

        var livan2022 = Assert.Single(extraction.Figures, f => f.Value == 7850m);
        Assert.Equal(("PPS LIVAN", "2022"), (livan2022.Row, livan2022.Column));
        var table = Assert.Single(extraction.Tables);
        Assert.True(table.Structured);
        Assert.Equal(["PPS Stelplaatsen", "PPS LIVAN"], table.RowLabels.ToArray());
        Assert.Equal("duizend euro", table.Unit);
    }

    [Fact]
    public void FlatText_ProseWithThreeAmounts_IsNoTable()
    {
        const string text = "In 2021 werd 5.000 euro besteed, in 2022 werd 6.000 euro besteed en in 2023 is 7.000 euro besteed.";
        var question = new WrittenQuestion { Answers = [new AnswerItem(1, text, [])] };

        var extraction = FigureExtractor.Extract(question);

        Assert.Empty(extraction.Tables);
        Assert.All(extraction.Figures, f => Assert.Null(f.Row));
    }

    [Fact]
    public void TableFigures_ThousandEuroHeader_ScalesTheTextsAmount()
    {
        const string html = "<table><tr><th>Bedragen K€</th><th>2021</th><th>2022</th></tr><tr><td>Leerlingenvervoer</td><td>76.454 €</td><td>102.322 €</td></tr></table>";
        var question = new WrittenQuestion { Answers = [new AnswerItem(1, "Bedragen K€ 2021 2022 Leerlingenvervoer 76.454 € 102.322 €", [])] };

        var extraction = FigureExtractor.Extract(TableAttacher.Attach(question, HtmlTableReader.Read(html)));

        var figure = Assert.Single(extraction.Figures, f => f.Column == "2022");
        Assert.Equal(102_322_000m, figure.Value);
        Assert.Equal("Leerlingenvervoer", figure.Row);
        Assert.Equal(2, extraction.Figures.Count(f => f.IsMoney));
    }

    [Theory]
    [InlineData("<table><tr><td colspan=\"999999\">x</td></tr></table>")]
    [InlineData("<table><tr><td rowspan=\"-3\">1.000 €</td></tr><tr></tr></table>")]
    [InlineData("<table></table>")]
    public void Html_HostileSpansOrEmptyTables_NeverThrow(string html) => HtmlTableReader.Read(html);

    [Fact]
    public void Xlsx_And_Docx_BrokenBytes_NoTables()
    {
        Assert.Empty(XlsxTableReader.Read([1, 2, 3]));
        Assert.Empty(DocxTableReader.Read([80, 75, 3, 4, 0]));
    }
}
