using QaIngest.Search;

namespace QaIngest.Web.Tests;

/// <summary>The pool's admission end to end: a search that gets no reader in time is the slow-query failure, and its slot is not lost.</summary>
public sealed class IndexPoolTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("qaingest-web-pool-").FullName;

    public IndexPoolTests() =>
        ServedSeeds.AddDocument(data, "seeds/000", Path.Combine(Repo.Root, "seeds", "000_57b4a00a02773f93.txt"));

    [Fact]
    public async Task UseAsync_NoReaderInTime_SlowQueryAndTheReaderServesTheNextSearch()
    {
        using var pool = new IndexPool(data, 1, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100));
        using var release = new ManualResetEventSlim();
        var holding = pool.UseAsync(i => i.Cost(new SearchRequest("RIZIV")), _ => release.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);

        // The only reader is busy past the time limit: the waiting search fails as a slow query (503).
        await Assert.ThrowsAsync<SlowQueryException>(() =>
            pool.UseAsync(i => i.Cost(new SearchRequest("VDAB")), i => i.Search(new SearchRequest("VDAB")), CancellationToken.None));

        // So does the search holding it; its work goes on and gives the reader back when it ends.
        await Assert.ThrowsAsync<SlowQueryException>(() => holding);
        release.Set();

        // The reader came back: a search runs, within the same limit.
        var (results, error) = await pool.UseAsync(i => i.Cost(new SearchRequest("RIZIV")), i => i.Search(new SearchRequest("RIZIV")), CancellationToken.None);
        Assert.Null(error);
        Assert.NotEmpty(results!.Hits);
    }

    [Fact]
    public async Task UseAsync_CancelledWhileWaiting_ThrowsAndTheReaderServesTheNextSearch()
    {
        using var pool = new IndexPool(data, 1, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        using var release = new ManualResetEventSlim();
        var holding = pool.UseAsync(_ => 0, _ => release.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.UseAsync(_ => 0, _ => 1, cancel.Token));

        release.Set();
        await holding.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, await pool.UseAsync(_ => 0, _ => 2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
