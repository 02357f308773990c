namespace QaIngest.Index;

/// <summary>The index cannot be opened or written; the message is one line meant for the user.</summary>
public sealed class IndexUnavailableException(string message) : Exception(message);
