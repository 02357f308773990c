namespace QaIngest.Pipeline;

/// <summary>A pipeline's source cannot be listed (a missing link-id file, a bad line); the message is one line.</summary>
public sealed class PipelineSourceException(string message) : Exception(message);
