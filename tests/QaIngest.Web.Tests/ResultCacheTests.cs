using System.Text.Json.Nodes;

namespace QaIngest.Web.Tests;

/// <summary>The result cache: answers kept per index generation, emptied by a commit, bounded, and off when told.</summary>
public sealed class ResultCacheTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("qaingest-web-cache-").FullName;

    [Fact]
    public async Task SameRequestTwice_SecondFromCache_NewCommitInvalidates()
    {
        await using var server = await RunningServer.StartAsync(new ServeOptions(data));
        ServedSeeds.AddDocument(data, "seeds/000", Path.Combine(Repo.Root, "seeds", "000_57b4a00a02773f93.txt"));

        var first = await server.Client.GetAsync("/api/search?q=RIZIV&limit=50");
        Assert.Equal("miss", first.Headers.GetValues("X-Cache").Single());
        Assert.Contains(first.Headers.GetValues("Server-Timing"), v => v.StartsWith("search;dur=", StringComparison.Ordinal));

        // The same request written with other white space is the same request.
        var again = await server.Client.GetAsync("/api/search?q=%20RIZIV%20%20&limit=50");
        Assert.Equal("hit", again.Headers.GetValues("X-Cache").Single());
        var firstJson = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var againJson = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        Assert.Equal(" RIZIV  ", (string)againJson["query"]!);
        Assert.True(JsonNode.DeepEquals(firstJson["hits"], againJson["hits"]));
        Assert.All(firstJson["hits"]!.AsArray(), h => Assert.Equal(264, (int)h!["documentNumber"]!));

        // Another limit is another request.
        var other = await server.Client.GetAsync("/api/search?q=RIZIV&limit=49");
        Assert.Equal("miss", other.Headers.GetValues("X-Cache").Single());

        // nr. 693 also names the RIZIV: after its commit the cached answer is gone and the new one has it.
        ServedSeeds.AddDocument(data, "seeds/001", Path.Combine(Repo.Root, "seeds", "001_98b0514b58b8ebbf.txt"));
        var after = await server.Client.GetAsync("/api/search?q=RIZIV&limit=50");
        Assert.Equal("miss", after.Headers.GetValues("X-Cache").Single());
        var afterJson = JsonNode.Parse(await after.Content.ReadAsStringAsync())!;
        Assert.Contains(afterJson["hits"]!.AsArray(), h => (int)h!["documentNumber"]! == 693);
    }

    [Fact]
    public async Task CacheOff_EveryRequestSearched()
    {
        ServedSeeds.AddDocument(data, "seeds/000", Path.Combine(Repo.Root, "seeds", "000_57b4a00a02773f93.txt"));
        await using var server = await RunningServer.StartAsync(new ServeOptions(data) { CacheMegabytes = 0 });
        for (var i = 0; i < 3; i++)
        {
            var response = await server.Client.GetAsync("/api/search?q=RIZIV");
            Assert.Equal("miss", response.Headers.GetValues("X-Cache").Single());
        }
    }

    [Fact]
    public void Bounded_LeastRecentlyUsedGoesFirst()
    {
        var cache = new ResultCache(4_000);
        cache.Add("a", 0, "A", 900); // dropped: the first lookup fixes the generation
        Assert.False(cache.TryGet<string>("a", 1, out _));
        cache.Add("a", 1, "A", 900);
        cache.Add("b", 1, "B", 900);
        cache.Add("c", 1, "C", 900);
        Assert.True(cache.TryGet<string>("a", 1, out var a));
        Assert.Equal("A", a);
        cache.Add("d", 1, "D", 900);
        cache.Add("e", 1, "E", 900); // over 4,000 bytes: b, the least recently used, goes
        Assert.False(cache.TryGet<string>("b", 1, out _));
        Assert.True(cache.TryGet<string>("a", 1, out _));
        Assert.True(cache.TryGet<string>("e", 1, out _));
        Assert.Equal(4, cache.Count);

        // An answer bigger than a quarter of the cache is not kept.
        cache.Add("big", 1, "BIG", 1_001);
        Assert.False(cache.TryGet<string>("big", 1, out _));

        // Another generation: everything goes; an answer computed at the old one is not kept.
        Assert.False(cache.TryGet<string>("a", 2, out _));
        Assert.Equal(0, cache.Count);
        cache.Add("a", 1, "old", 10);
        Assert.False(cache.TryGet<string>("a", 2, out _));
        Assert.Equal(3, cache.Hits);
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
