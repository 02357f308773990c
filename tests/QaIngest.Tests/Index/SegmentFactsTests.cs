using Lucene.Net.Index;
using Lucene.Net.Store;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// A segment's facts (years, facet ordinals) are built once for every reader that has the segment
/// open (a server's pool opens the index once per concurrent search) and are those of the segment's doc values.
/// </summary>
public sealed class SegmentFactsTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Fact]
    public void Years_TwoReadersOfTheSameSegments_ShareOneArray()
    {
        var path = seeds.Open().LucenePath;
        using var firstDirectory = FSDirectory.Open(path);
        using var first = DirectoryReader.Open(firstDirectory);
        using var secondDirectory = FSDirectory.Open(path);
        using var second = DirectoryReader.Open(secondDirectory);

        for (var i = 0; i < first.Leaves.Count; i++)
        {
            var a = first.Leaves[i].AtomicReader;
            var b = second.Leaves[i].AtomicReader;
            Assert.NotSame(a.CoreCacheKey, b.CoreCacheKey);
            Assert.Same(SegmentFacts.Years(a), SegmentFacts.Years(b));
            Assert.Same(SegmentFacts.Ordinals(a), SegmentFacts.Ordinals(b));

            var dates = a.GetNumericDocValues(IndexFields.Date)!;
            Assert.Equal(Enumerable.Range(0, a.MaxDoc).Select(d => (short)(dates.Get(d) / 10_000)), SegmentFacts.Years(b));
        }
    }
}
