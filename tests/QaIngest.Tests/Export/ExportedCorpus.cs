using QaIngest.Pipeline;
using QaIngest.Tests.Pipeline;

namespace QaIngest.Tests.Export;

/// <summary>The default pipeline (seeds, the real PDF and the sample corpus of real texts) run once into a data directory, shared by a test class.</summary>
public sealed class ExportedCorpus : IAsyncLifetime
{
    private readonly PipelineWorkspace workspace = new(withRealTexts: true);

    public string Data => workspace.Data;

    public string Database => Path.Combine(workspace.Data, QaIngest.Index.SearchIndex.FileName);

    public RunReport Report { get; private set; } = null!;

    public async Task InitializeAsync() => Report = await workspace.RunAsync(PipelineWorkspace.Seeds());

    public Task DisposeAsync()
    {
        workspace.Dispose();
        return Task.CompletedTask;
    }
}
