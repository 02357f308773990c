using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// A query run as <see cref="QueryExecution.Filtered"/> runs it (negated words and year ranges
/// checked at the matches of the required clauses) finds the same items with the same scores as
/// Lucene's own prohibited and required clauses, on the whole index and in windows of recent items.
/// </summary>
public sealed class QueryExecutionTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData("VDAB -budget", "VDAB")]
    [InlineData("VDAB jongeren -budget", "VDAB jongeren")]
    [InlineData("VDAB -budget -kinderopvang", "VDAB")]
    [InlineData("VDAB -(budget OR kinderopvang)", "VDAB")]
    [InlineData("-budget VDAB year:2019..2024", "VDAB year:2019..2024")]
    [InlineData("VDAB -\"niet-digitale dienstverlening\"", "VDAB")]
    public void Filtered_NegatedWords_SameHitsAndScoresAsProhibitedClauses(string text, string withoutNegation)
    {
        using var directory = FSDirectory.Open(seeds.Open().LucenePath);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var query = Compile(text);
        var maxItem = Enumerable.Range(0, reader.Leaves.Count).Max(l => Enumerable.Range(0, reader.Leaves[l].AtomicReader.MaxDoc).Max(d => reader.Leaves[l].AtomicReader.GetNumericDocValues(IndexFields.Item).Get(d)));

        // The negation removes some of the positive part's matches and leaves some, or the case proves nothing.
        var matches = searcher.Search(query, 1000).TotalHits;
        Assert.InRange(matches, 1, searcher.Search(Compile(withoutNegation), 1000).TotalHits - 1);
        foreach (var window in new Filter?[] { null, new ItemWindowFilter(maxItem / 2, maxItem) })
        {
            var lucene = searcher.Search(window is null ? query : new FilteredQuery(query, window), 1000);
            var filtered = searcher.Search(QueryExecution.Filtered(query, window), 1000);

            Assert.Equal(lucene.TotalHits, filtered.TotalHits);
            Assert.Equal(lucene.ScoreDocs.Select(d => (d.Doc, d.Score)), filtered.ScoreDocs.Select(d => (d.Doc, d.Score)));
        }
    }

    [Theory]
    [InlineData("budget")]
    [InlineData("kinderopvang")]
    public void WithoutTermsFilter_AnyOrderOfLookups_AnswersAsThePostings(string word)
    {
        using var directory = FSDirectory.Open(seeds.Open().LucenePath);
        using var reader = DirectoryReader.Open(directory);
        var term = DutchAnalyzer.Term(word)!;
        Term[] terms = [new(IndexFields.Body, term), new(IndexFields.Title, term), new(IndexFields.Context, term)];
        var found = 0;
        foreach (var leaf in reader.Leaves)
        {
            var holding = new HashSet<int>();
            foreach (var t in terms)
            {
                var docs = leaf.AtomicReader.GetTermDocsEnum(t);
                for (var doc = docs?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs!.NextDoc())
                {
                    holding.Add(doc);
                }
            }

            found += holding.Count;
            var bits = new WithoutTermsFilter(terms).GetDocIdSet(leaf, null).Bits;
            var all = Enumerable.Range(0, leaf.AtomicReader.MaxDoc).ToList();

            // In document order (as at the candidates of a query), backwards and every third one (postings started again).
            foreach (var order in new[] { all, Enumerable.Reverse(all).ToList(), all.Where(d => d % 3 == 0).Concat(all.Where(d => d % 3 != 0)).ToList() })
            {
                Assert.All(order, doc => Assert.Equal(!holding.Contains(doc), bits.Get(doc)));
            }
        }

        Assert.True(found > 0, word);
    }

    private static Query Compile(string text) => QueryCompiler.Compile(QueryParser.Parse(text).Query!).Query!.Query;
}
