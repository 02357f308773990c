namespace QaIngest.Extract;

/// <summary>The kind of document found in a byte sequence, as decided by <see cref="FormatSniffer"/>.</summary>
public enum SourceFormat
{
    /// <summary>Nothing recognisable: binary data that is not one of the formats below.</summary>
    Unknown,

    /// <summary>No bytes, or only white space.</summary>
    Empty,

    Pdf,

    /// <summary>An Office Open XML word-processing package (a ZIP holding <c>word/document.xml</c>).</summary>
    Docx,

    /// <summary>A pre-2007 Word binary file (OLE compound document); recognised so it can be refused clearly.</summary>
    LegacyDoc,

    Html,

    /// <summary>Text that is not HTML: UTF-8 (or ASCII), UTF-16 behind a BOM, or Windows-1252/Latin-1.</summary>
    PlainText,
}
