namespace QaIngest.Pipeline;

/// <summary>A run stopped before its end (the index writer failed: a full disk, a broken database); the message is one line.</summary>
public sealed class PipelineFailedException(string message, Exception inner) : Exception(message, inner);
