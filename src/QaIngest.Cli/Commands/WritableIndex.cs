using QaIngest.Fetch;
using QaIngest.Index;

namespace QaIngest.Cli.Commands;

/// <summary>
/// A data directory opened for writing its index, as <c>index</c> and <c>reindex</c> do: the data
/// directory's lock first (two writers never interleave, like pipeline runs), then the index. A
/// failure is one line on standard error and an exit code.
/// </summary>
internal sealed class WritableIndex : IDisposable
{
    private readonly DataDirectory directory;

    private WritableIndex(DataDirectory directory, SearchIndex index)
    {
        this.directory = directory;
        Index = index;
    }

    public SearchIndex Index { get; }

    /// <summary>Opens <paramref name="data"/>; on failure returns null with the exit code in <paramref name="failure"/>.</summary>
    public static WritableIndex? Open(string data, out int failure)
    {
        DataDirectory directory;
        try
        {
            directory = DataDirectory.Open(data);
        }
        catch (DataDirectoryLockedException e)
        {
            failure = CommandLine.Fail(e.Message, CommandLine.Locked);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = CommandLine.Fail($"data directory {data} is not writable: {e.Message}");
            return null;
        }

        if (CommandLine.OpenIndex(data, create: true, out failure) is not { } index)
        {
            directory.Dispose();
            return null;
        }

        return new WritableIndex(directory, index);
    }

    public void Dispose()
    {
        Index.Dispose();
        directory.Dispose();
    }
}
