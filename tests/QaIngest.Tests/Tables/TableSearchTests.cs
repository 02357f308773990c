using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Tables;

/// <summary>
/// The journalist's case over a corpus of table fixtures (HTML, DOCX, PDF) run through extract, parse,
/// figures and index: a query naming a cell's row, column and table finds the item the table stands in,
/// and the hit's figure for that cell carries its row and column as the fixture's expected file says.
/// </summary>
public sealed class TableSearchTests : IDisposable
{
    private static readonly string[] Fixtures = ["t12-winwinlening.html", "t15-winwin-provincies.docx", "t16-herintreders.pdf", "t05-blue-deal.pdf"];

    private readonly string directory = Directory.CreateTempSubdirectory("qaingest-table-search-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData("Limburg 2023 bedrag", "t12-winwinlening", "Limburg", "Bedrag")]
    [InlineData("Vrouw leerkrachten geslacht", "t16-herintreders", "Vrouw", "Aantal leerkrachten")]
    [InlineData("Natte natuur budget", "t05-blue-deal", "VV036 / Natte natuur / ANB", "Budget (mio €)")]
    public async Task Search_CellLabels_HitShowsTheCellWithItsRowAndColumn(string query, string fixture, string row, string column)
    {
        await TableCorpus.IndexAsync(directory, Fixtures);
        var expected = ExpectedCell(fixture, row, column);

        using var index = SearchIndex.Open(directory, create: false);
        var (results, error) = index.Search(new SearchRequest(query) { Limit = 10 });
        Assert.Null(error);
        var hit = Assert.Single(results!.Hits, h => h.Source.Contains(fixture, StringComparison.Ordinal) && h.Figures.Any(f => f.Row == row));
        var figure = Assert.Single(hit.Figures, f => f.Row == row && f.Column == column);
        Assert.StartsWith(expected.Text, figure.Text, StringComparison.Ordinal);
        Assert.Equal(expected.Caption, figure.Table);

        // Figures of running text carry no labels.
        Assert.All(hit.Figures.Where(f => f.Row is null), f => Assert.Null(f.Column));
    }

    /// <summary>The cell as the fixture's hand-written expected file gives it: its text and its table's caption.</summary>
    private static (string Text, string Caption) ExpectedCell(string fixture, string row, string column)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Repo.File_("corpus", "fixtures", "tables", $"{fixture}.expected.json")));
        var found = json.RootElement.GetProperty("tables").EnumerateArray()
            .SelectMany(t => t.GetProperty("cells").EnumerateArray().Select(c => (Table: t, Cell: c)))
            .Where(x => x.Cell.GetProperty("row").GetString() == row && x.Cell.GetProperty("column").GetString() == column)
            .ToImmutableArray();
        Assert.True(found.Length == 1, $"{fixture}: expected one cell at [{row}] x [{column}], found {found.Length}");
        return (found[0].Cell.GetProperty("text").GetString()!, found[0].Table.GetProperty("caption").GetString()!);
    }
}
