namespace QaIngest.Fetch;

/// <summary>Another run holds the data folder's lock.</summary>
public sealed class DataDirectoryLockedException(string message) : Exception(message);
