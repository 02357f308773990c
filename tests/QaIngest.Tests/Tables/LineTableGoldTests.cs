using System.Globalization;
using System.Text.Json;
using QaIngest.Figures;
using QaIngest.Parse;
using QaIngest.Pipeline;
using QaIngest.Tables;
using Xunit.Abstractions;

namespace QaIngest.Tests.Tables;

/// <summary>
/// Real texts whose tables another tool flattened one row per line (Fixtures/line-tables: a copy of
/// the file of ../shared/real-texts and its cells written by hand, never from the program's output).
/// Every cell must be found once as a figure of its item with its row label, and no figure may be
/// invented: none labelled with a gold row that holds no such value, and no count of a row label
/// ("5 Limburg": the next row's label read as what the number before it counts).
/// </summary>
public class LineTableGoldTests(ITestOutputHelper output)
{
    private static string Folder => Repo.Fixture("Tables", "Fixtures", "line-tables");

    [Fact]
    public void RealLineTables_CellsFoundWithTheirRow_NoneInvented()
    {
        var cells = 0;
        var found = 0;
        var rightRow = 0;
        var rightColumn = 0;
        var misses = new List<string>();
        var invented = new List<string>();
        var files = Directory.EnumerateFiles(Folder, "*.expected.json").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 4, "the gold has at least four real texts");
        foreach (var path in files)
        {
            var gold = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            var name = Path.GetFileName(gold.GetProperty("source").GetString()!);
            var (_, body) = ScraperMetadata.Split(File.ReadAllText(Path.Combine(Folder, name)));
            var parsed = QuestionParser.Parse(body);
            Assert.True(parsed.Success, $"{name}: {parsed.Error}");
            var figures = FigureExtractor.Extract(parsed.Value).Figures;
            var taken = new bool[figures.Length];
            var goldRows = new Dictionary<(string Where, string Row), List<decimal>>();
            foreach (var table in gold.GetProperty("tables").EnumerateArray())
            {
                var where = table.GetProperty("where").GetString()!;
                foreach (var cell in table.GetProperty("cells").EnumerateArray())
                {
                    cells++;
                    var row = cell.GetProperty("row").GetString()!;
                    var column = cell.GetProperty("column").GetString()!;
                    var value = cell.GetProperty("value").GetDecimal();
                    var text = cell.GetProperty("text").GetString()!;
                    var key = (where, Normalise(row));
                    goldRows.TryAdd(key, []);
                    goldRows[key].Add(value);

                    // The figure of this cell: in its item, with its value, the one with the right row first.
                    var at = Enumerable.Range(0, figures.Length)
                        .Where(i => !taken[i] && figures[i].Location.ToString() == where && figures[i].Value == value)
                        .OrderByDescending(i => Normalise(figures[i].Row ?? "") == Normalise(row))
                        .DefaultIfEmpty(-1).First();
                    if (at < 0)
                    {
                        misses.Add($"{name} {where}: '{text}' ({row} / {column}) not found");
                        continue;
                    }

                    taken[at] = true;
                    found++;
                    if (Normalise(figures[at].Row ?? "") == Normalise(row))
                    {
                        rightRow++;
                    }
                    else
                    {
                        misses.Add($"{name} {where}: '{text}' row expected '{row}', got '{figures[at].Row}'");
                    }

                    if (Normalise(figures[at].Column ?? "") == Normalise(column))
                    {
                        rightColumn++;
                    }
                }
            }

            foreach (var figure in figures)
            {
                var where = figure.Location.ToString();
                if (figure.Row is { Length: > 0 } row && goldRows.TryGetValue((where, Normalise(row)), out var values) && !values.Contains(figure.Value))
                {
                    invented.Add($"{name} {where}: {figure.Value.ToString(CultureInfo.InvariantCulture)} «{figure.Text}» labelled '{row}', a row without that value");
                }

                // "5 Limburg": a count whose noun is a gold row label of the same item.
                if (figure.Kind == FigureKind.Count && figure.Row is null && figure.Unit is { } unit
                    && goldRows.Keys.Any(k => k.Where == where && k.Row.Split(" / ")[^1].Split(' ')[0] == Normalise(unit)))
                {
                    invented.Add($"{name} {where}: count «{figure.Text}» of the row label '{unit}'");
                }
            }
        }

        var foundRate = 100.0 * found / cells;
        var rowRate = 100.0 * rightRow / cells;
        output.WriteLine($"line tables: {cells} cells; found {found} ({foundRate:0.0}%), right row {rightRow} ({rowRate:0.0}%), right column {rightColumn} (not asserted: a glued header is not split); invented {invented.Count}");
        foreach (var miss in misses)
        {
            output.WriteLine("  " + miss);
        }

        Assert.True(invented.Count == 0, "invented:\n" + string.Join('\n', invented));
        Assert.True(foundRate >= 95, $"found {foundRate:0.0}% < 95%:\n" + string.Join('\n', misses));
        Assert.True(rowRate >= 90, $"right row {rowRate:0.0}% < 90%:\n" + string.Join('\n', misses));
    }

    [Fact]
    public void LineTableReader_RowsOfAsManyCells_AreOneTable_ASentenceIsNot()
    {
        const string text = "Aantal sociale woningen: Provincie Principiële Definitief\nWest-Vlaanderen 0 2\nLimburg 15 -\nTotaal 15 2\nDe minister heeft in 2023 45";
        var found = Assert.Single(LineTableReader.Read(text));
        Assert.Equal(["West-Vlaanderen", "Limburg", "Totaal"], found.Table.RowLabels.ToArray());
        Assert.Equal("Totaal", found.Table.TotalsRow);
        Assert.Equal("aantal", found.Table.Unit);
        // "-" is an empty cell: it keeps its column but is no cell.
        Assert.Equal(5, found.Table.Cells.Length);
        var limburg = Assert.Single(found.Table.Cells, c => c.RowLabel == "Limburg");
        Assert.Equal((0, 15m, TableCellKind.Count), (limburg.Column, limburg.Value!.Value, limburg.Kind));
        Assert.Equal("15", text.Substring(found.Spans[2].Start, found.Spans[2].Length));
        Assert.False(found.Table.Structured);
    }

    [Fact]
    public void LineTableReader_YearHeaderLine_NamesTheColumns()
    {
        const string text = "Maand 2023 2024\nJanuari 7.000 8.000\nFebruari 6.500 7.250";
        var table = Assert.Single(LineTableReader.Read(text)).Table;
        Assert.True(table.Structured);
        Assert.Equal(["Januari", "Februari"], table.RowLabels.ToArray());
        Assert.Equal("2024", Assert.Single(table.Cells, c => c.RowLabel == "Februari" && c.Value == 7250m).ColumnLabel);
        // The years of the header are no cells.
        Assert.Equal(4, table.Cells.Length);
    }

    [Fact]
    public void Parse_KeepsTheBreakAfterARow_SoTheNextLabelIsNoNoun()
    {
        const string text = "SCHRIFTELIJKE VRAAG\nnr. 8\nvan A B\ndatum: 9 oktober 2024\naan C D\nMINISTER\nOnderwerp\n1. Hoeveel projecten?\nC D\nMINISTER\nANTWOORD\nop vraag nr. 8 van 9 oktober 2024\nvan A B\n1. Zie de tabel.\nProvincie Totaal\nWest-Vlaanderen 2 3 5\nLimburg 1 0 1\nOost-Vlaanderen 4 3 7\nIn totaal 2288\nattestaanvragen.";
        var parsed = QuestionParser.Parse(text);
        Assert.True(parsed.Success);
        var answer = Assert.Single(parsed.Value.Answers).Text;
        Assert.Contains("West-Vlaanderen 2 3 5\nLimburg 1 0 1\nOost-Vlaanderen 4 3 7", answer, StringComparison.Ordinal);
        // A noun in lower case on the next line is the same sentence.
        Assert.Contains("In totaal 2288 attestaanvragen.", answer, StringComparison.Ordinal);
        var figures = FigureExtractor.Extract(parsed.Value).Figures;
        Assert.DoesNotContain(figures, f => f.Unit is "Limburg" or "Oost-Vlaanderen");
        Assert.Contains(figures, f => f.Value == 2288m && f.Unit == "attestaanvragen");
        // The row's cells are figures of their own with the row's label: "Limburg 1 0 1" holds two ones.
        Assert.Equal(2, figures.Count(f => f.Value == 1m && f.Row == "Limburg"));
    }

    private static string Normalise(string label) =>
        string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
