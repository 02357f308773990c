using System.Diagnostics;
using System.Globalization;
using QaIngest.Index;
using QaIngest.Parse;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// Queries that fan out (thousands of OR'ed prefixes, prefixes standing for very many words) end
/// within the search's time limit with a result or a one-line error, and totals never exceed the
/// items of the index, on a generated index of 20,000 documents.
/// </summary>
public sealed class QueryLimitsTests(GeneratedIndex generated) : IClassFixture<GeneratedIndex>
{
    [Fact]
    public void Search_TwoThousandPrefixesOred_EndsWithinTheLimitWithAnErrorOrAResult()
    {
        using var index = generated.Open();
        index.TimeLimit = TimeSpan.FromSeconds(2);
        var query = string.Join(" OR ", generated.Prefixes.Take(2_000).Select(p => p + "*"));

        var watch = Stopwatch.StartNew();
        var (results, error) = index.Search(new SearchRequest(query));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.True(results is not null || error is not null);
        if (error is not null)
        {
            Assert.DoesNotContain('\n', error);
        }
        else
        {
            Assert.InRange(results!.Total, 1, index.Counts().Items);
        }
    }

    [Fact]
    public void Search_PastItsTimeLimit_StopsWithAClearError()
    {
        using var index = generated.Open();
        index.TimeLimit = TimeSpan.FromMilliseconds(1);
        var query = string.Join(" OR ", generated.Prefixes.Take(200).Select(p => p + "*"));

        var (results, error) = index.Search(new SearchRequest(query) { Facets = true });

        Assert.Null(results);
        Assert.StartsWith("the query took longer than 0.001 s", error);
    }

    [Fact]
    public void Search_PrefixStandingForTooManyWords_IsAnError()
    {
        using var index = generated.Open();
        index.MaxPrefixWords = 20;
        var prefix = generated.Prefixes[0];

        var (results, error) = index.Search(new SearchRequest(prefix[..1] + "*"));
        var (narrow, narrowError) = index.Search(new SearchRequest(prefix + "*"));

        Assert.Null(results);
        Assert.Equal($"the prefix {prefix[..1]}* stands for more than 20 indexed words; make it longer", error);
        Assert.Null(narrowError);
        Assert.NotEmpty(narrow!.Hits);
    }

    [Fact]
    public void Search_TotalEstimatedFromAWindow_NeverExceedsTheItems()
    {
        using var index = generated.Open();
        index.RankBudget = 1;
        index.CountBudget = 0;
        var items = index.Counts().Items;

        foreach (var word in generated.Words.Take(20))
        {
            var results = index.Search(new SearchRequest(word)).Results!;
            Assert.InRange(results.Total, 1, items);
        }
    }
}

/// <summary>
/// A generated index of 20,000 one-item documents written in date order, from a vocabulary of
/// 6,000 made-up words with 2,400 distinct four-letter beginnings (so 2,000 prefixes exist).
/// </summary>
public sealed class GeneratedIndex : IDisposable
{
    public GeneratedIndex()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("qaingest-limits-").FullName;
        var random = new Random(18_05);
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        Prefixes = [.. Enumerable.Range(0, 2_400).Select(a => $"v{letters[a / 676 % 26]}{letters[a / 26 % 26]}{letters[a % 26]}")];
        Words = [.. Enumerable.Range(0, 6_000).Select(i => Prefixes[i % Prefixes.Count] + "oe" + letters[i / Prefixes.Count % 26] + "ing")];
        using var index = SearchIndex.Open(Directory, create: true);
        var start = new DateOnly(2010, 1, 1);
        foreach (var chunk in Enumerable.Range(0, 20_000).Chunk(2_000))
        {
            index.AddRange(chunk.Select(i =>
            {
                var text = string.Join(' ', Enumerable.Range(0, 30).Select(_ => Words[random.Next(Words.Count)])) + ".";
                var question = new WrittenQuestion { Number = i + 1, Date = start.AddDays(i / 10), Title = $"Vraag {i}", Preamble = text };
                var key = $"generated/{i.ToString("D5", CultureInfo.InvariantCulture)}";
                return new IndexedDocument(key, key, question, []) { ContentHash = key };
            }).ToList());
        }
    }

    public string Directory { get; }

    /// <summary>Four-letter beginnings of the words, each the start of a few words.</summary>
    public IReadOnlyList<string> Prefixes { get; }

    public IReadOnlyList<string> Words { get; }

    public SearchIndex Open() => SearchIndex.Open(Directory, create: false);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
