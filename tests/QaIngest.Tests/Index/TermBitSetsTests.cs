using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// Kept bit sets of frequent terms (<see cref="TermBitSets"/>): counting and faceting with them
/// finds what Lucene's own matching finds, in windows too (a kept set holds its whole segment);
/// a second reader of the same segments uses the sets the first made; the budget holds.
/// </summary>
public sealed class TermBitSetsTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData("VDAB")]
    [InlineData("RIZIV budget 2021")]
    [InlineData("hoeveel heeft het RIZIV overgemaakt")]
    [InlineData("VDAB jongeren -budget year:2019..2024")]
    [InlineData("kinderopvang OR opvang OR VDAB")]
    public void Count_WithEveryTermKept_EqualsLucenesMatches(string text)
    {
        using var directory = FSDirectory.Open(seeds.Open().LucenePath);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var compiled = QueryCompiler.Compile(QueryParser.Parse(text).Query!).Query!;
        var kept = new TermBitSets(1024 * 1024) { MinDocs = 1, MinDensity = 0, UsesBeforeKept = 1 };
        var maxItem = MaxItem(reader);
        foreach (var query in new[] { compiled.Query, compiled.Partial }.OfType<Query>())
        {
            foreach (var (lowest, highest) in new[] { (0L, maxItem), (maxItem / 2, maxItem), (maxItem - 3, maxItem) })
            {
                var filter = new ItemWindowFilter(lowest, highest);
                var lucene = new TotalHitCountCollector();
                searcher.Search(new FilteredQuery(query, filter), lucene);

                // Twice: the first search makes the sets, the second reads them.
                for (var pass = 0; pass < 2; pass++)
                {
                    Assert.Equal(lucene.TotalHits, Sets(searcher, reader, kept).Count(query, filter));
                    var facets = new FacetCollector();
                    Sets(searcher, reader, kept).Collect(query, filter, facets);
                    var byLucene = new FacetCollector();
                    searcher.Search(new FilteredQuery(query, filter), byLucene);
                    Assert.Equal(lucene.TotalHits, facets.Total);
                    Assert.Equal(Flatten(byLucene.Counts()), Flatten(facets.Counts()));
                }
            }
        }

        Assert.True(kept.Count > 0, text);
    }

    [Fact]
    public void Get_SecondReaderOfTheSameSegments_UsesTheSetTheFirstMade()
    {
        var path = seeds.Open().LucenePath;
        using var firstDirectory = FSDirectory.Open(path);
        using var first = DirectoryReader.Open(firstDirectory);
        using var secondDirectory = FSDirectory.Open(path);
        using var second = DirectoryReader.Open(secondDirectory);
        var kept = new TermBitSets(1024 * 1024) { MinDocs = 1, MinDensity = 0, UsesBeforeKept = 1 };
        var term = MostFrequent(first, IndexFields.Body);
        var read = 0;

        var made = kept.Get(first.Leaves[0], term, first.Leaves[0].AtomicReader.DocFreq(term), () => { read++; return Postings(first.Leaves[0], term); });
        var shared = kept.Get(second.Leaves[0], term, second.Leaves[0].AtomicReader.DocFreq(term), () => { read++; return Postings(second.Leaves[0], term); });

        Assert.Equal(1, read);
        Assert.Same(made, shared);
        Assert.Equal(Documents(first.Leaves[0], term), Bits(made!));
    }

    [Fact]
    public void Get_FirstUse_ReadsNothingAndKeepsNothing_SecondUseMakesTheSet()
    {
        using var directory = FSDirectory.Open(seeds.Open().LucenePath);
        using var reader = DirectoryReader.Open(directory);
        var leaf = reader.Leaves[0];
        var term = MostFrequent(reader, IndexFields.Body);
        var kept = new TermBitSets(1024 * 1024) { MinDocs = 1, MinDensity = 0 };

        Assert.Null(kept.Get(leaf, term, leaf.AtomicReader.DocFreq(term), () => throw new InvalidOperationException("the first use reads the postings itself")));
        Assert.Equal(0, kept.Count);
        Assert.Equal(Documents(leaf, term), Bits(kept.Get(leaf, term, leaf.AtomicReader.DocFreq(term), () => Postings(leaf, term))!));
        Assert.Equal(1, kept.Made);
    }

    [Fact]
    public void Get_TermTooRare_IsReadFromItsPostingsAndNotKept()
    {
        using var directory = FSDirectory.Open(seeds.Open().LucenePath);
        using var reader = DirectoryReader.Open(directory);
        var leaf = reader.Leaves[0];
        var term = MostFrequent(reader, IndexFields.Body);
        var docFreq = leaf.AtomicReader.DocFreq(term);
        var kept = new TermBitSets(1024 * 1024) { MinDocs = docFreq + 1 };

        Assert.Null(kept.Get(leaf, term, docFreq, () => throw new InvalidOperationException("a rare term's postings are not read here")));
        Assert.Equal(0, kept.Count);
    }

    [Fact]
    public void Get_PastTheBudget_DropsTheLeastRecentlyUsedSets()
    {
        using var directory = FSDirectory.Open(seeds.Open().LucenePath);
        using var reader = DirectoryReader.Open(directory);
        var leaf = reader.Leaves.OrderByDescending(l => l.AtomicReader.MaxDoc).First();
        var setBytes = ((leaf.AtomicReader.MaxDoc + 63) / 64) * 8L;
        var kept = new TermBitSets(4 * setBytes) { MinDocs = 1, MinDensity = 0, UsesBeforeKept = 1 };
        var terms = Terms(leaf, IndexFields.Body).Take(8).ToList();
        Assert.Equal(8, terms.Count);
        var recent = terms[0];

        foreach (var term in terms)
        {
            kept.Get(leaf, term, leaf.AtomicReader.DocFreq(term), () => Postings(leaf, term));

            // The first term is used again after every other: it stays.
            kept.Get(leaf, recent, leaf.AtomicReader.DocFreq(recent), () => Postings(leaf, recent));
        }

        Assert.True(kept.Bytes <= 4 * setBytes, $"{kept.Bytes} bytes kept, budget {4 * setBytes}");
        Assert.InRange(kept.Count, 1, 4);
        Assert.NotNull(kept.Get(leaf, recent, leaf.AtomicReader.DocFreq(recent), () => throw new InvalidOperationException("the most recently used set was dropped")));
    }

    private static MatchSets Sets(IndexSearcher searcher, IndexReader reader, TermBitSets kept) =>
        new(searcher, new Deadline(TimeSpan.FromMinutes(1)), new TermStates(reader), kept);

    private static List<string> Flatten(Dictionary<string, List<(string Value, long Count)>> counts) =>
        [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value.Select(v => $"{c.Key}={v.Value}:{v.Count}"))];

    private static long MaxItem(IndexReader reader) =>
        reader.Leaves.Max(leaf => Enumerable.Range(0, leaf.AtomicReader.MaxDoc).Max(d => leaf.AtomicReader.GetNumericDocValues(IndexFields.Item).Get(d)));

    private static Term MostFrequent(IndexReader reader, string field) =>
        Terms(reader.Leaves[0], field).OrderByDescending(t => reader.Leaves[0].AtomicReader.DocFreq(t)).ThenBy(t => t.Text, StringComparer.Ordinal).First();

    private static IEnumerable<Term> Terms(AtomicReaderContext leaf, string field)
    {
        var e = leaf.AtomicReader.GetTerms(field)!.GetEnumerator();
        while (e.MoveNext())
        {
            yield return new Term(field, BytesRef.DeepCopyOf(e.Term));
        }
    }

    private static DocsEnum? Postings(AtomicReaderContext leaf, Term term) => leaf.AtomicReader.GetTermDocsEnum(term);

    private static List<int> Documents(AtomicReaderContext leaf, Term term)
    {
        var docs = Postings(leaf, term)!;
        var result = new List<int>();
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            result.Add(doc);
        }

        return result;
    }

    private static List<int> Bits(FixedBitSet bits)
    {
        var result = new List<int>();
        for (var doc = bits.NextSetBit(0); doc >= 0; doc = doc + 1 < bits.Length ? bits.NextSetBit(doc + 1) : -1)
        {
            result.Add(doc);
        }

        return result;
    }
}
