using System.IO;
using Microsoft.Data.Sqlite;

namespace QaIngest.Fetch;

/// <summary>
/// What an error says about the data folder's storage, if anything: the one reading of SQLite's
/// result codes and of the operating system's messages, used by the lock, the pipeline (which stops
/// the run instead of failing every document) and the command edge (one line, exit 2).
/// </summary>
public static class StorageFault
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html) that say the storage, not the query, failed.
    private const int SqlitePerm = 3, SqliteReadOnly = 8, SqliteIoErr = 10, SqliteCorrupt = 11, SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADb = 26;

    /// <summary>The storage fault <paramref name="error"/> itself reports (not what it wraps), or null.</summary>
    public static StorageFaultKind? Of(Exception error) => error switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xff) switch
        {
            SqliteCorrupt or SqliteNotADb => StorageFaultKind.Damaged,
            SqliteFull => StorageFaultKind.Full,
            SqliteReadOnly or SqlitePerm or SqliteCantOpen => StorageFaultKind.ReadOnly,
            SqliteIoErr => StorageFaultKind.Unreadable,
            _ => null,
        },
        UnauthorizedAccessException => StorageFaultKind.ReadOnly,
        IOException io when Says(io, "No space left on device") || Says(io, "Disk quota exceeded") => StorageFaultKind.Full,
        IOException io when Says(io, "Read-only file system") => StorageFaultKind.ReadOnly,
        _ => null,
    };

    // .NET on Linux gives errno's text as the message (ENOSPC, EDQUOT, EROFS), not a distinct exception type.
    private static bool Says(IOException e, string text) => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase);
}
