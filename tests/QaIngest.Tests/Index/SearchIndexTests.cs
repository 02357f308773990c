using System.Text.Json;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

public sealed class SearchIndexTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private sealed record QueriesFile(List<ExpectedQuery> Queries);

    private sealed record ExpectedQuery(string Query, List<ExpectedHit> Expect);

    private sealed record ExpectedHit(string File, string Section, int Number, bool Top);

    public static TheoryData<string> GoldQueries()
    {
        var file = JsonSerializer.Deserialize<QueriesFile>(
            File.ReadAllText(Repo.Fixture("Search", "Fixtures", "queries.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return [.. file.Queries.Select(q => q.Query)];
    }

    [Theory]
    [MemberData(nameof(GoldQueries))]
    public void Search_GoldQuery_MeetsEveryExpectation(string query)
    {
        var expected = JsonSerializer.Deserialize<QueriesFile>(
            File.ReadAllText(Repo.Fixture("Search", "Fixtures", "queries.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!
            .Queries.Single(q => q.Query == query);
        using var index = seeds.Open();

        var hits = index.Search(new SearchRequest(query) { Limit = 10 }).Results!.Hits;

        foreach (var e in expected.Expect)
        {
            var rank = 1 + hits.ToList().FindIndex(h => Path.GetFileName(h.Source) == e.File && h.Section == e.Section && h.Number == e.Number);
            Assert.True(rank > 0, $"{query}: {e.File} {e.Section} {e.Number} not in the top 10");
            Assert.True(!e.Top || rank == 1, $"{query}: {e.File} {e.Section} {e.Number} at rank {rank}, expected first");
        }
    }

    [Fact]
    public void Search_RizivBudget2021_RanksAnswer8FirstWithItsFigure()
    {
        using var index = seeds.Open();

        var top = index.Search(new SearchRequest("RIZIV budget 2021")).Results!.Hits[0];

        Assert.Equal(("001_98b0514b58b8ebbf.txt", "answer", 8), (Path.GetFileName(top.Source), top.Section, (int)top.Number!));
        Assert.Contains(top.Figures, f => f.Kind == "money" && f.Value == 24_000_000m && f.Currency == "EUR");
        Assert.Contains("«RIZIV»", top.Snippet);
    }

    [Fact]
    public void Search_NaturalQuestion_FindsTheAnswerWithMostOfItsWords()
    {
        using var index = seeds.Open();

        var results = index.Search(new SearchRequest("hoeveel heeft het RIZIV overgemaakt")).Results!;

        var top = results.Hits[0];
        Assert.Equal(("001_98b0514b58b8ebbf.txt", "answer", 8), (Path.GetFileName(top.Source), top.Section, (int)top.Number!));
        Assert.Contains(top.Figures, f => f.Kind == "money" && f.Value == 24_000_000m);
        Assert.Contains("«overgemaakt»", top.Snippet);
    }

    [Fact]
    public void Search_ThreeWords_ItemsWithAllOfThemRankAboveItemsWithSome()
    {
        using var index = seeds.Open();

        var all = index.Search(new SearchRequest("RIZIV VDAB budget") { Limit = 1000, Compounds = false }).Results!.Hits;
        var rizivVdab = index.Search(new SearchRequest("RIZIV VDAB") { Limit = 1000, Compounds = false }).Results!.Hits;
        var budget = index.Search(new SearchRequest("budget") { Limit = 1000, Compounds = false }).Results!.Hits;
        var allThree = rizivVdab.Select(Key).Intersect(budget.Select(Key)).ToList();

        // Every item with all three words comes first, then items with two of them.
        Assert.NotEmpty(allThree);
        Assert.True(all.Length > allThree.Count);
        Assert.Equal(allThree.Order(), all.Take(allThree.Count).Select(Key).Order());
    }

    private static string Key(SearchHit h) => $"{Path.GetFileName(h.Source)} {h.Section} {h.Number}";

    [Theory]
    [InlineData("geevalueerd", "000_57b4a00a02773f93.txt", "answer", 4)]
    [InlineData("traject", "001_98b0514b58b8ebbf.txt", "answer", 8)]
    [InlineData("re-integratie", "000_57b4a00a02773f93.txt", "question", 6)]
    [InlineData("reintegratie", "000_57b4a00a02773f93.txt", "question", 6)]
    [InlineData("\"zware wateroverlast\" OR \"outreachende acties\"", "000_57b4a00a02773f93.txt", "question", 3)]
    [InlineData("title:dienstverlening", "004_35977454894e5686.txt", "answer", 1)]
    [InlineData("asker:bothuyne traject*", "001_98b0514b58b8ebbf.txt", "answer", 8)]
    [InlineData("number:693 year:2022 budget", "001_98b0514b58b8ebbf.txt", "answer", 9)]
    public void Search_DutchVariants_FindTheItem(string query, string file, string section, int number)
    {
        using var index = seeds.Open();

        var (results, error) = index.Search(new SearchRequest(query) { Limit = 50 });

        Assert.Null(error);
        Assert.Contains(results!.Hits, h => Path.GetFileName(h.Source) == file && h.Section == section && h.Number == number);
    }

    [Fact]
    public void Search_CompoundPart_FindsCompoundBelowDirectHits()
    {
        using var index = seeds.Open();

        var hits = index.Search(new SearchRequest("kinderopvangvergoeding OR kinderopvang") { Limit = 100 }).Results!.Hits;
        var viaCompound = index.Search(new SearchRequest("opvang") { Limit = 100 }).Results!.Hits;

        Assert.Contains(hits, h => h.Snippet.Contains("«kinderopvangvergoeding»", StringComparison.Ordinal));
        var compound = viaCompound.Where(h => h.ViaCompound).ToList();
        Assert.NotEmpty(compound);
        Assert.Contains(compound, h => h.Snippet.Contains("«kinderopvang", StringComparison.Ordinal));
        var firstCompound = viaCompound.ToList().FindIndex(h => h.ViaCompound);
        Assert.All(viaCompound.Skip(firstCompound), h => Assert.True(h.ViaCompound));
    }

    [Fact]
    public void Search_NotClause_ExcludesItems()
    {
        using var index = seeds.Open();

        var hits = index.Search(new SearchRequest("RIZIV -budget") { Limit = 100 }).Results!.Hits;

        Assert.NotEmpty(hits);
        Assert.DoesNotContain(hits, h => h.Snippet.Contains("budget", StringComparison.OrdinalIgnoreCase) && h.Section == "question");
    }

    [Fact]
    public void Amounts_Above50Million_ListsLargestFirst()
    {
        using var index = seeds.Open();

        var (rows, error) = index.Amounts(50_000_000m, null, null, 10);

        Assert.Null(error);
        Assert.Equal([266_225_260m, 93_167_648m], rows.Take(2).Select(r => r.Value));
        Assert.All(rows, r => Assert.Equal("004_35977454894e5686.txt", Path.GetFileName(r.Source)));
    }

    [Fact]
    public void Search_AmountRange_FiltersItems()
    {
        using var index = seeds.Open();

        var hits = index.Search(new SearchRequest("amount:[2000000 TO 3000000]") { Limit = 50 }).Results!.Hits;

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(h.Figures, f => f.Value is >= 2_000_000m and <= 3_000_000m));
    }

    [Fact]
    public void Search_Facets_CountPerYearAndAsker()
    {
        using var index = seeds.Open();

        var results = index.Search(new SearchRequest("VDAB") { Facets = true }).Results!;

        Assert.Contains(results.Facets["asker"], f => f.Value == "Robrecht Bothuyne" && f.Count > 0);
        Assert.Contains(results.Facets["year"], f => f.Value == "2024");
        Assert.Equal(results.Total, results.Facets["year"].Sum(f => f.Count) + UndatedItems(index));
    }

    [Theory]
    [InlineData("\"unclosed")]
    [InlineData("amount:>=abc")]
    [InlineData("year:2019..")]
    [InlineData("AND")]
    [InlineData("de het een")]
    public void Search_MalformedQuery_IsAnErrorNotAnException(string query)
    {
        using var index = seeds.Open();

        var (results, error) = index.Search(new SearchRequest(query));

        Assert.Null(results);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Add_SameKeyTwice_ReplacesTheDocument()
    {
        var dir = Directory.CreateTempSubdirectory("qaingest-reindex-").FullName;
        try
        {
            using var index = SearchIndex.Open(dir, create: true);
            var document = SeedIndex.Load(Path.Combine(Repo.Root, "seeds", "001_98b0514b58b8ebbf.txt"));
            index.Add(document);
            var once = index.Counts();

            index.Add(document);

            Assert.Equal(once, index.Counts());
            Assert.Single(index.Search(new SearchRequest("number:693 RIZIV") { Limit = 100 }).Results!.Hits, h => h.Section == "answer" && h.Number == 8);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Search_WhileAnotherConnectionWrites_Succeeds()
    {
        var dir = Directory.CreateTempSubdirectory("qaingest-concurrent-").FullName;
        try
        {
            var documents = Directory.EnumerateFiles(Path.Combine(Repo.Root, "seeds"), "*.txt").Select(SeedIndex.Load).ToList();
            using (var first = SearchIndex.Open(dir, create: true))
            {
                first.Add(documents[1]);
            }

            using var writer = SearchIndex.Open(dir, create: true);
            using var reader = SearchIndex.Open(dir, create: false);
            var writing = Task.Run(() =>
            {
                for (var round = 0; round < 20; round++)
                {
                    foreach (var d in documents)
                    {
                        writer.Add(d with { Key = $"{d.Key}-{round % 3}" });
                    }
                }
            });
            var searches = 0;
            while (!writing.IsCompleted)
            {
                var (results, error) = reader.Search(new SearchRequest("RIZIV"));
                Assert.Null(error);
                Assert.NotEmpty(results!.Hits);
                searches++;
            }

            await writing;
            Assert.True(searches > 0);
            Assert.Equal(1 + (3 * documents.Count), writer.Counts().Documents);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Open_MissingDataDirectory_SaysSo()
    {
        var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(Path.Combine(Path.GetTempPath(), "qaingest-no-such-dir"), create: false));

        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Open_DataDirectoryIsAFile_SaysSo()
    {
        var file = Path.GetTempFileName();
        try
        {
            var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(file, create: true));

            Assert.Contains("is a file", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static long UndatedItems(SearchIndex index) =>
        index.Search(new SearchRequest("VDAB") { Limit = 1000 }).Results!.Hits.LongCount(h => h.Date is null);
}
