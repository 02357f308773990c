using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// A window of item ids finds exactly the documents whose ids lie in it, whether a segment's ids grow
/// in a few runs (as batches written by several threads and merged) or are shuffled.
/// </summary>
public sealed class ItemWindowFilterTests
{
    [Theory]
    [InlineData(false, 3, 7)]
    [InlineData(false, 1, 10)]
    [InlineData(false, 11, 20)]
    [InlineData(true, 1_000, 2_500)]
    [InlineData(true, 0, 9_999)]
    public void Window_FindsExactlyTheItemsWithIdsInIt(bool shuffled, long lowest, long highest)
    {
        long[] ids = shuffled
            ? [.. Enumerable.Range(0, 10_000).Select(i => (long)i).OrderBy(_ => Random.Shared.Next())]
            : [5, 6, 7, 1, 2, 3, 9, 10, 4, 8];
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(ItemAnalyzer.Version, ItemAnalyzer.Instance)))
        {
            foreach (var id in ids)
            {
                writer.AddDocument(new Document { new NumericDocValuesField(IndexFields.Item, id), new StringField("all", "x", Field.Store.NO) });
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var found = new List<long>();
        var top = searcher.Search(new FilteredQuery(new Lucene.Net.Search.TermQuery(new Term("all", "x")), new ItemWindowFilter(lowest, highest)), 20_000);
        foreach (var hit in top.ScoreDocs)
        {
            var leaf = reader.Leaves[ReaderUtil.SubIndex(hit.Doc, reader.Leaves)];
            found.Add(leaf.AtomicReader.GetNumericDocValues(IndexFields.Item).Get(hit.Doc - leaf.DocBase));
        }

        Assert.Equal(ids.Where(i => i >= lowest && i <= highest).Order(), found.Order());
    }
}
