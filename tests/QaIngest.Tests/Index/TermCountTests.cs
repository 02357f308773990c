using Microsoft.Data.Sqlite;
using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;

namespace QaIngest.Tests.Index;

/// <summary>
/// The per-term item counts the query planner sizes queries by must be what a fresh index of the
/// same documents would hold, however the documents got there (replaced, changed, removed).
/// </summary>
public sealed class TermCountTests : IDisposable
{
    private readonly List<string> folders = [];

    private static List<IndexedDocument> Seeds() =>
        [.. Directory.EnumerateFiles(Path.Combine(Repo.Root, "seeds"), "*.txt").Order().Select(SeedIndex.Load)];

    [Fact]
    public void AddRange_SameDocumentsAgain_LeavesTheCountsOfAFreshIndex()
    {
        var replaced = Build(Seeds());
        using (var index = SearchIndex.Open(replaced, create: false))
        {
            index.AddRange(Seeds());
        }

        Assert.Equal(Counts(Build(Seeds())), Counts(replaced));
    }

    [Fact]
    public void AddRange_ChangedDocument_LeavesTheCountsOfAFreshIndexOfTheNewText()
    {
        var seeds = Seeds();
        var changed = WithText(seeds[1], File.ReadAllText(seeds[1].Source).Replace("VDAB", "Actiris", StringComparison.Ordinal) + "\n\nEen nieuwe zin over kinderopvangtoeslagen.\n");
        var replaced = Build(seeds);
        using (var index = SearchIndex.Open(replaced, create: false))
        {
            index.AddRange([changed, seeds[2]]);
        }

        var expected = Build([.. seeds.Select(d => d.Key == changed.Key ? changed : d)]);
        Assert.Equal(Counts(expected), Counts(replaced));
    }

    [Fact]
    public void Remove_Document_LeavesTheCountsOfAFreshIndexWithoutIt()
    {
        var seeds = Seeds();
        var folder = Build(seeds);
        using (var index = SearchIndex.Open(folder, create: false))
        {
            Assert.True(index.Remove(seeds[0].Key));
        }

        Assert.Equal(Counts(Build([.. seeds.Skip(1)])), Counts(folder));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in folders)
        {
            Directory.Delete(folder, recursive: true);
        }
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

    // Terms no document has any more may stay with a zero count; they are the same as absent.
    private static List<string> Counts(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, SearchIndex.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT term, items FROM term_items WHERE items <> 0 ORDER BY term";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetString(0)}={reader.GetInt64(1)}");
        }

        return rows;
    }
}
