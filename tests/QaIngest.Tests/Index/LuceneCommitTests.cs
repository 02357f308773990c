using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>
/// The Lucene commits come after many of the record's (every 20,000 documents or minute): readers
/// see a commit, and what a stopped writer left uncommitted is written again from the record.
/// </summary>
public class LuceneCommitTests
{
    private static IndexedDocument Seed() => SeedIndex.Load(Path.Combine(Repo.Root, "seeds", "001_98b0514b58b8ebbf.txt"));

    private static int Answer8Hits(SearchIndex index) =>
        index.Search(new SearchRequest("number:693 RIZIV") { Limit = 100 }).Results!.Hits.Count(h => h.Section == "answer" && h.Number == 8);

    [Fact]
    public void Add_AnotherReader_SeesTheDocumentFromTheLuceneCommit()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("qaingest-commit-").FullName;
        try
        {
            using var writer = SearchIndex.Open(dir, create: true);
            using var reader = SearchIndex.Open(dir, create: false);
            writer.Add(Seed());

            Assert.Equal(0, Answer8Hits(reader));

            writer.Commit();

            Assert.Equal(1, Answer8Hits(reader));
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Open_KeyPendingAfterAStoppedWriter_WritesItsItemsAgainOnce()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("qaingest-pending-").FullName;
        try
        {
            var document = Seed();
            using (var first = SearchIndex.Open(dir, create: true))
            {
                first.Add(document);
            }

            // A writer that stopped after the record's commit and before the Lucene commit: the record
            // holds the document and lists its key as pending, the Lucene index has none of its items.
            using (var folder = FSDirectory.Open(Path.Combine(dir, SearchIndex.LuceneFolder)))
            using (var lucene = new IndexWriter(folder, new IndexWriterConfig(ItemAnalyzer.Version, ItemAnalyzer.Instance)))
            {
                lucene.DeleteDocuments(new Term(IndexFields.Key, document.Key));
                lucene.Commit();
            }

            using (var connection = new SqliteConnection($"Data Source={Path.Combine(dir, SearchIndex.FileName)};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO index_pending(key) VALUES ($k)";
                command.Parameters.AddWithValue("$k", document.Key);
                command.ExecuteNonQuery();
            }

            using (var reader = SearchIndex.Open(dir, create: false))
            {
                Assert.Equal(0, Answer8Hits(reader));
            }

            using (SearchIndex.Open(dir, create: true))
            {
            }

            using var after = SearchIndex.Open(dir, create: false);
            Assert.Equal(1, Answer8Hits(after));
            var (terms, items) = after.IndexedTerms();
            Assert.Equal(after.Counts().Items, items);
            Assert.NotEmpty(terms);

            using var check = new SqliteConnection($"Data Source={Path.Combine(dir, SearchIndex.FileName)};Pooling=False");
            check.Open();
            using var pending = check.CreateCommand();
            pending.CommandText = "SELECT count(*) FROM index_pending";
            Assert.Equal(0L, (long)pending.ExecuteScalar()!);
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }
}
