namespace QaIngest.Fetch;

/// <summary>How the data folder's storage failed.</summary>
public enum StorageFaultKind
{
    /// <summary>The database is not a database any more (corrupt, truncated, garbage).</summary>
    Damaged,

    /// <summary>The disk or the quota is full.</summary>
    Full,

    /// <summary>The folder or the file cannot be written (read-only file system, permissions).</summary>
    ReadOnly,

    /// <summary>Reading or writing failed below SQLite (an I/O error).</summary>
    Unreadable,
}
