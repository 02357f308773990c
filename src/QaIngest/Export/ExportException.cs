namespace QaIngest.Export;

/// <summary>An export that cannot be done (no record, a record of an older version, a folder that cannot be written); the message says why in one line.</summary>
public sealed class ExportException(string message, Exception? inner = null) : Exception(message, inner);
