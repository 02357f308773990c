namespace QaIngest.Fetch;

/// <summary>
/// The data folder could not be written (disk full, read-only, gone): not a failure of the document
/// being stored but of every one after it, so the batch stops with this one reason instead of
/// recording it against each document. What was committed before stays.
/// </summary>
public sealed class StorageFailedException(string message, Exception inner) : Exception(message, inner);
