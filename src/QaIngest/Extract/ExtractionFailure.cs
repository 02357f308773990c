namespace QaIngest.Extract;

/// <summary>Why a document yielded no text; lets callers tell "fix the input" from "fix the machine".</summary>
public enum ExtractionFailure
{
    None,
    Empty,
    UnknownFormat,
    EncryptedPdf,
    CorruptPdf,
    NoTextLayer,
    LegacyDoc,
    CorruptDocx,
    ToolMissing,
    TimedOut,
    ToolFailed,

    /// <summary>The file could not be read (missing, no permission).</summary>
    Unreadable,
}
