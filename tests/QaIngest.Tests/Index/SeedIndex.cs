using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;

namespace QaIngest.Tests.Index;

/// <summary>A temporary index of the five seeds, shared by the tests of a class.</summary>
public sealed class SeedIndex : IDisposable
{
    public SeedIndex()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("qaingest-index-").FullName;
        using var index = SearchIndex.Open(Directory, create: true);
        foreach (var seed in System.IO.Directory.EnumerateFiles(Path.Combine(Repo.Root, "seeds"), "*.txt").Order())
        {
            index.Add(Load(seed));
        }
    }

    public string Directory { get; }

    public static IndexedDocument Load(string path)
    {
        var question = QuestionParser.Parse(File.ReadAllText(path)).Value!;
        return new IndexedDocument(Path.GetFileName(path), path, question, FigureExtractor.Extract(question).Figures) { ContentHash = path };
    }

    public SearchIndex Open() => SearchIndex.Open(Directory, create: false);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
