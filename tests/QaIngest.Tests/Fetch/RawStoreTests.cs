using QaIngest.Fetch;

namespace QaIngest.Tests.Fetch;

public sealed class RawStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("qaingest-raw-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Store_NewBody_WritesWholeFileUnderShardedHashPath()
    {
        var store = new RawStore(root);
        var body = "%PDF-1.4 body"u8.ToArray();
        var sha = RawStore.Sha256Hex(body);

        var (path, written) = store.Store(body, sha, "pdf");

        Assert.True(written);
        Assert.Equal(Path.Combine(root, sha[..2], sha + ".pdf"), path);
        Assert.Equal(body, File.ReadAllBytes(path));
        Assert.Empty(Directory.EnumerateFiles(root, "*" + RawStore.TempSuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public void Store_SameBodyTwice_KeepsOneFile()
    {
        var store = new RawStore(root);
        var body = "same"u8.ToArray();
        var sha = RawStore.Sha256Hex(body);

        store.Store(body, sha, "txt");
        var (_, written) = store.Store(body, sha, "txt");

        Assert.False(written);
        Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Store_ConcurrentWritersOfSameBody_OneFileNoTemporaries()
    {
        var store = new RawStore(root);
        var body = new byte[256 * 1024];
        Random.Shared.NextBytes(body);
        var sha = RawStore.Sha256Hex(body);

        Parallel.For(0, 16, _ => store.Store(body, sha, "pdf"));

        Assert.Equal([store.PathOf(sha, "pdf")], Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Open_TemporaryFilesOfKilledRun_AreRemoved()
    {
        Directory.CreateDirectory(Path.Combine(root, "ab"));
        File.WriteAllText(Path.Combine(root, "ab", ".abcd.0123" + RawStore.TempSuffix), "half a body");

        var store = new RawStore(root);

        Assert.Equal(1, store.RemovedTemporaryFiles);
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void PathOf_NotAHash_Throws() => Assert.Throws<ArgumentException>(() => new RawStore(root).PathOf("../../etc/passwd", "txt"));
}
