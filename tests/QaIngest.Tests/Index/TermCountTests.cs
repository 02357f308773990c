using Microsoft.Data.Sqlite;
using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;

namespace QaIngest.Tests.Index;

/// <summary>
/// The Lucene index must hold what a fresh index of the same documents would hold (every term of
/// every text field and how many live items have it), however the documents got there: replaced,
/// changed, removed, or rebuilt from the SQLite record.
/// </summary>
public sealed class TermCountTests : IDisposable
{
    private readonly List<string> folders = [];

    private static List<IndexedDocument> Seeds() =>
        [.. Directory.EnumerateFiles(Path.Combine(Repo.Root, "seeds"), "*.txt").Order().Select(SeedIndex.Load)];

    [Fact]
    public void AddRange_SameDocumentsAgain_LeavesTheIndexOfAFreshIndex()
    {
        var replaced = Build(Seeds());
        using (var index = SearchIndex.Open(replaced, create: true))
        {
            index.AddRange(Seeds());
        }

        Assert.Equal(Terms(Build(Seeds())), Terms(replaced));
    }

    [Fact]
    public void AddRange_ChangedDocument_LeavesTheIndexOfAFreshIndexOfTheNewText()
    {
        var seeds = Seeds();
        var changed = WithText(seeds[1], File.ReadAllText(seeds[1].Source).Replace("VDAB", "Actiris", StringComparison.Ordinal) + "\n\nEen nieuwe zin over kinderopvangtoeslagen.\n");
        var replaced = Build(seeds);
        using (var index = SearchIndex.Open(replaced, create: true))
        {
            index.AddRange([changed, seeds[2]]);
        }

        var expected = Build([.. seeds.Select(d => d.Key == changed.Key ? changed : d)]);
        Assert.Equal(Terms(expected), Terms(replaced));
    }

    [Fact]
    public void Remove_Document_LeavesTheIndexOfAFreshIndexWithoutIt()
    {
        var seeds = Seeds();
        var folder = Build(seeds);
        using (var index = SearchIndex.Open(folder, create: true))
        {
            Assert.True(index.Remove(seeds[0].Key));
        }

        Assert.Equal(Terms(Build([.. seeds.Skip(1)])), Terms(folder));
    }

    [Fact]
    public void Reindex_FromTheRecord_LeavesTheIndexOfTheRun()
    {
        var folder = Build(Seeds());
        var before = Terms(folder);
        Directory.Delete(Path.Combine(folder, SearchIndex.LuceneFolder), recursive: true);

        SearchIndex.ReindexFigures figures;
        using (var index = SearchIndex.Open(folder, create: true))
        {
            figures = index.Reindex(null);
        }

        Assert.Equal(5, figures.Documents);
        Assert.Equal(before, Terms(folder));
        using var reader = SearchIndex.Open(folder, create: false);
        Assert.Equal(("001_98b0514b58b8ebbf.txt", "answer", 8), Top(reader, "RIZIV budget 2021"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (string, string, int?) Top(SearchIndex index, string query)
    {
        var hit = index.Search(new QaIngest.Search.SearchRequest(query)).Results!.Hits[0];
        return (Path.GetFileName(hit.Source), hit.Section, hit.Number);
    }

    private static IndexedDocument WithText(IndexedDocument document, string text)
    {
        var question = QuestionParser.Parse(text).Value!;
        return document with { Question = question, Figures = FigureExtractor.Extract(question).Figures };
    }

    private string Build(List<IndexedDocument> documents)
    {
        var folder = Directory.CreateTempSubdirectory("qaingest-terms-").FullName;
        folders.Add(folder);
        using var index = SearchIndex.Open(folder, create: true);
        index.AddRange(documents);
        return folder;
    }

    private static List<string> Terms(string folder)
    {
        using var index = SearchIndex.Open(folder, create: false);
        var (terms, items) = index.IndexedTerms();
        return [$"items={items}", .. terms];
    }
}
