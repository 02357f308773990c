using System.Text.Json.Nodes;

namespace QaIngest.Web.Tests;

/// <summary>A running server sees what a pipeline commits after it started, without a restart.</summary>
public sealed class LiveUpdateTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("qaingest-web-live-").FullName;

    [Fact]
    public async Task NewCommit_FoundWithoutRestart()
    {
        await using var server = await RunningServer.StartAsync(new ServeOptions(data));
        var before = await server.Client.GetAsync("/api/search?q=RIZIV");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, before.StatusCode);

        ServedSeeds.AddDocument(data, "seeds/000", Path.Combine(Repo.Root, "seeds", "000_57b4a00a02773f93.txt"));
        var first = JsonNode.Parse(await server.Client.GetStringAsync("/api/search?q=RIZIV"))!;
        Assert.All(first["hits"]!.AsArray(), h => Assert.Equal(264, (int)h!["documentNumber"]!));

        ServedSeeds.AddDocument(data, "seeds/001", Path.Combine(Repo.Root, "seeds", "001_98b0514b58b8ebbf.txt"));
        var second = JsonNode.Parse(await server.Client.GetStringAsync("/api/search?q=RIZIV%20VDAB%202021"))!;
        Assert.Equal(693, (int)second["hits"]![0]!["documentNumber"]!);
        var document = await server.Client.GetAsync("/document?key=seeds%2F001");
        Assert.Equal(System.Net.HttpStatusCode.OK, document.StatusCode);
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
