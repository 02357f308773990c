using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;
using QaIngest.Pipeline;

namespace QaIngest.Web.Tests;

/// <summary>
/// The seeds ingested by the seeds pipeline (pipelines/seeds.json, with its saved searches) into a
/// temporary data directory, plus a document full of markup, served by the real server. Shared by
/// the API, page and browser tests.
/// </summary>
public sealed class ServedSeeds : IAsyncLifetime
{
    public const string HostileKey = "fixtures/hostile-markup.txt";

    public string Data { get; } = Directory.CreateTempSubdirectory("qaingest-web-").FullName;

    public RunningServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    public async Task InitializeAsync()
    {
        var (pipeline, errors) = PipelineDefinitionReader.ReadFile(Path.Combine(Repo.Root, "pipelines", "seeds.json"));
        Assert.True(errors.IsEmpty, string.Join("; ", errors));
        var report = await new PipelineRunner(pipeline!, new PipelineRunOptions { WorkingDirectory = Repo.Root, Data = Data }).RunAsync();
        Assert.Empty(report.Failed);
        AddDocument(Data, HostileKey, Repo.Fixture("hostile-markup.txt"));
        Server = await RunningServer.StartAsync(new ServeOptions(Data));
    }

    /// <summary>Parses a text file and writes it into a data directory's index, as a pipeline's index stage does.</summary>
    public static void AddDocument(string data, string key, string path)
    {
        var question = QuestionParser.Parse(File.ReadAllText(path)).Value!;
        using var index = SearchIndex.Open(data, create: true);
        index.Add(new IndexedDocument(key, key, question, FigureExtractor.Extract(question).Figures) { ContentHash = key });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Data, recursive: true);
    }
}
