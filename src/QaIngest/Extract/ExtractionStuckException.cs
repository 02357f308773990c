namespace QaIngest.Extract;

/// <summary>
/// Thrown instead of starting another PDF reading when too many earlier ones are stuck past the
/// time limit on threads that cannot be stopped: a run must end here with this one-line reason
/// rather than fail every later document or keep adding threads.
/// </summary>
public sealed class ExtractionStuckException(string message) : Exception(message);
