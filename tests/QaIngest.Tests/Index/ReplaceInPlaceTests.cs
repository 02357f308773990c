using Microsoft.Data.Sqlite;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>Re-indexing a document whose searchable text did not change rewrites it in place: same items, new row data and figures.</summary>
public sealed class ReplaceInPlaceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qaingest-replace-").FullName;

    private static List<IndexedDocument> Seeds() =>
        [.. Directory.EnumerateFiles(Path.Combine(Repo.Root, "seeds"), "*.txt").Order().Select(SeedIndex.Load)];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void AddRange_SameText_KeepsTheItemsAndTakesTheNewSourceAndFigures()
    {
        var seeds = Seeds();
        using var index = SearchIndex.Open(folder, create: true);
        index.AddRange(seeds);
        var itemsBefore = Rows("SELECT id, document_id, section, number, text FROM items ORDER BY id");
        var hitsBefore = index.Search(new SearchRequest("RIZIV budget 2021")).Results!.Hits;
        var target = seeds.First(d => d.Figures.Any(f => f.IsMoney));

        index.AddRange([.. seeds.Select(d => d == target ? d with { Source = "https://example.org/moved", Figures = [] } : d)]);

        Assert.Equal(itemsBefore, Rows("SELECT id, document_id, section, number, text FROM items ORDER BY id"));
        Assert.Equal(seeds.Count, index.Counts().Documents);
        Assert.Equal(["https://example.org/moved"], Rows($"SELECT source FROM documents WHERE key = '{target.Key}'"));
        Assert.Equal(["0"], Rows($"SELECT count(*) FROM figures f JOIN documents d ON d.id = f.document_id WHERE d.key = '{target.Key}'"));
        Assert.Equal(["0"], Rows($"SELECT count(*) FROM items i JOIN documents d ON d.id = i.document_id WHERE d.key = '{target.Key}' AND i.max_amount IS NOT NULL"));
        Assert.Equal(seeds.Where(d => d != target).Sum(d => d.Figures.Length).ToString(System.Globalization.CultureInfo.InvariantCulture), Rows("SELECT count(*) FROM figures").Single());
        var hitsAfter = index.Search(new SearchRequest("RIZIV budget 2021")).Results!.Hits;
        Assert.Equal(hitsBefore.Select(h => (h.Section, h.Number, h.Score)), hitsAfter.Select(h => (h.Section, h.Number, h.Score)));
        Assert.DoesNotContain(index.Amounts(1, null, null, 100).Rows, r => r.Source == "https://example.org/moved");
    }

    [Fact]
    public void AddRange_ChangedText_ReplacesTheItems()
    {
        var seeds = Seeds();
        using var index = SearchIndex.Open(folder, create: true);
        index.AddRange(seeds);
        var before = Rows($"SELECT i.id FROM items i JOIN documents d ON d.id = i.document_id WHERE d.key = '{seeds[0].Key}'");
        var question = seeds[0].Question;
        var changed = seeds[0] with { Question = question with { Title = question.Title + " (herzien)" } };

        index.AddRange([changed]);

        var after = Rows($"SELECT i.id FROM items i JOIN documents d ON d.id = i.document_id WHERE d.key = '{seeds[0].Key}'");
        Assert.Equal(before.Count, after.Count);
        Assert.Empty(before.Intersect(after));
        Assert.Contains(index.Search(new SearchRequest("herzien")).Results!.Hits, h => h.Title!.EndsWith("(herzien)", StringComparison.Ordinal));
    }

    private List<string> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, SearchIndex.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
