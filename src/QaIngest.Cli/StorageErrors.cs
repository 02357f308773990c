using QaIngest.Fetch;

namespace QaIngest.Cli;

/// <summary>
/// The command edge's reading of an error that escaped a command: the data folder's disk is full,
/// read-only, or its database damaged. Every command that opens a data folder ends on such an error
/// with this one line and exit code 2, however deep it was thrown; the store's code is not changed
/// for it. Anything else is not a storage error (null).
/// </summary>
public static class StorageErrors
{
    /// <summary>One line saying what is wrong with the data folder and what to do, or null when <paramref name="error"/> is not about storage.</summary>
    public static string? Describe(Exception error, string? data)
    {
        var where = data is null ? "" : $" ({data})";
        foreach (var e in Chain(error))
        {
            var message = e.Message.Split('\n')[0].Trim().TrimEnd('.');
            switch (StorageFault.Of(e))
            {
                case StorageFaultKind.Damaged:
                    return $"the database is damaged{where}: {message}; restore qaingest.db from a backup, or move the data folder away and run again to rebuild it";
                case StorageFaultKind.Full:
                    return $"the disk is full{where}: {message}; what was committed stays: free space and run again";
                case StorageFaultKind.ReadOnly:
                    return $"the data folder cannot be written{where}: {message}; what was committed stays";
                case StorageFaultKind.Unreadable:
                    return $"the data folder cannot be read or written{where}: {message}; what was committed stays";
            }
        }

        return Chain(error).OfType<StorageFailedException>().FirstOrDefault() is { } storage
            ? $"the data folder cannot be written{where}: {storage.Message}; what was committed stays"
            : null;
    }

    // The error, what it wraps, and every error of an aggregate: a storage error is often wrapped by the stage it stopped.
    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>();
        pending.Push(error);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 64)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
