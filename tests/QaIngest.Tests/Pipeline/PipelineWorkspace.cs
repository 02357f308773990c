using QaIngest.Pipeline;

namespace QaIngest.Tests.Pipeline;

/// <summary>
/// A temporary working directory with copies of the seeds and the real PDF (and, when asked, the
/// sample corpus of real texts the default pipeline ingests too), and a data directory inside it.
/// </summary>
internal sealed class PipelineWorkspace : IDisposable
{
    /// <summary>The folder of the sample corpus of real texts (300 documents, a few seconds to ingest).</summary>
    public static readonly string RealTexts = Path.Combine("corpus", "real-texts");

    public PipelineWorkspace(bool withRealTexts = false)
    {
        Root = Directory.CreateTempSubdirectory("qaingest-pipeline-").FullName;
        foreach (var folder in withRealTexts ? new[] { "seeds", Path.Combine("corpus", "real"), RealTexts } : new[] { "seeds", Path.Combine("corpus", "real") })
        {
            Directory.CreateDirectory(Path.Combine(Root, folder));
            foreach (var file in Directory.EnumerateFiles(Repo.File_(folder)).Where(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".pdf", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(Root, folder, Path.GetFileName(file)));
            }
        }
    }

    public string Root { get; }

    public string Data => Path.Combine(Root, "data");

    public static PipelineDefinition Seeds() => PipelineDefinitionReader.ReadFile(Repo.File_("pipelines", "seeds.json")).Definition!;

    public Task<RunReport> RunAsync(PipelineDefinition pipeline, StageVersions? versions = null) =>
        new PipelineRunner(pipeline, new PipelineRunOptions { WorkingDirectory = Root, Versions = versions }).RunAsync();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
