namespace QaIngest.Fetch;

/// <summary>What a fetched body is, as recognised from its bytes and its Content-Type.</summary>
public enum FileFormat
{
    Unknown,
    Pdf,
    Html,
    Docx,
    Doc,
    Xlsx,
    Json,
    Text,
}
