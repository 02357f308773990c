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

    /// <summary>The document is larger than a limit allows: its bytes, decompressed parts or element count (<see cref="ExtractionLimits"/>).</summary>
    TooLarge,

    /// <summary>The extracted text is longer than <see cref="ExtractionLimits.MaxTextCharacters"/>.</summary>
    TooLong,

    /// <summary>Elements nest deeper than <see cref="ExtractionLimits.MaxNestingDepth"/>.</summary>
    TooDeep,
}
