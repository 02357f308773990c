using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// Counting with match sets (no scoring: word postings OR'ed, "most of" the words counted per
/// document, years, negations, a window of recent items) finds exactly the documents Lucene's own
/// matching finds, and term queries carrying looked-up states (<see cref="TermStates"/>) score as
/// the plain ones do.
/// </summary>
public sealed class MatchSetsTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData("VDAB")]
    [InlineData("RIZIV budget 2021")]
    [InlineData("hoeveel heeft het RIZIV overgemaakt")]
    [InlineData("kinderopvang Vlaanderen plaatsen jaar")]
    [InlineData("VDAB jongeren -budget year:2019..2024")]
    [InlineData("werk* OR \"niet-digitale dienstverlening\"")]
    [InlineData("VDAB amount:[1000 TO 100000000] trajecten")]
    public void Count_EqualsLucenesMatches_WholeIndexAndWindows(string text)
    {
        using var directory = FSDirectory.Open(seeds.Open().LucenePath);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var compiled = QueryCompiler.Compile(QueryParser.Parse(text).Query!).Query!;
        var maxItem = ItemIds(searcher).Max();
        foreach (var query in new[] { compiled.Query, compiled.Partial }.OfType<Query>())
        {
            foreach (var (lowest, highest) in new[] { (0L, maxItem), (maxItem / 2, maxItem), (maxItem - 3, maxItem) })
            {
                var filter = new ItemWindowFilter(lowest, highest);
                var lucene = new TotalHitCountCollector();
                searcher.Search(new FilteredQuery(query, filter), lucene);
                var sets = new MatchSets(searcher, new Deadline(TimeSpan.FromMinutes(1)), new TermStates(reader));

                Assert.Equal(lucene.TotalHits, sets.Count(query, filter));
            }

            var all = new TotalHitCountCollector();
            searcher.Search(query, all);
            Assert.Equal(all.TotalHits, new MatchSets(searcher, new Deadline(TimeSpan.FromMinutes(1)), new TermStates(reader)).Count(query, null));
        }

        Assert.True(new MatchSets(searcher, new Deadline(TimeSpan.FromMinutes(1)), new TermStates(reader)).Count(compiled.Partial ?? compiled.Query, null) > 0, text);
    }

    [Theory]
    [InlineData("RIZIV budget 2021")]
    [InlineData("kinderopvang OR opvang")]
    public void BoundQuery_ScoresAsThePlainQuery(string text)
    {
        using var directory = FSDirectory.Open(seeds.Open().LucenePath);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() };
        var compiled = QueryCompiler.Compile(QueryParser.Parse(text).Query!).Query!;
        var states = new TermStates(reader);

        var plain = searcher.Search(compiled.Query, 100).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();
        var bound = searcher.Search(states.Bind(compiled.Query), 100).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();

        Assert.NotEmpty(plain);
        Assert.Equal(plain, bound);
        Assert.Same(states.Bind(compiled.Query), states.Bind(compiled.Query));
    }

    private static List<long> ItemIds(IndexSearcher searcher) =>
        [.. searcher.IndexReader.Leaves.SelectMany(leaf => Enumerable.Range(0, leaf.AtomicReader.MaxDoc).Select(d => leaf.AtomicReader.GetNumericDocValues(IndexFields.Item).Get(d)))];
}
