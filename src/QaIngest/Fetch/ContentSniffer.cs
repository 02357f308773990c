using System.Text;

namespace QaIngest.Fetch;

/// <summary>
/// Recognises what arrived from its bytes first and its Content-Type second: a declared type that
/// the bytes contradict (a "PDF" that is text) is a failure, a generic one (octet-stream, none) is not.
/// Pure and thread-safe.
/// </summary>
public static class ContentSniffer
{
    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> ZipMagic => "PK\u0003\u0004"u8;
    private static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The format the bytes alone show; <see cref="FileFormat.Unknown"/> for anything else.</summary>
    public static FileFormat FromBytes(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return FileFormat.Unknown;
        }

        // PDF readers accept the header anywhere in the first kilobyte.
        if (body[..Math.Min(body.Length, 1024)].IndexOf(PdfMagic) >= 0)
        {
            return FileFormat.Pdf;
        }

        if (body.StartsWith(ZipMagic))
        {
            // Entry names are stored uncompressed in the local headers and the central directory.
            return body.IndexOf("word/document.xml"u8) >= 0 ? FileFormat.Docx
                : body.IndexOf("xl/workbook.xml"u8) >= 0 ? FileFormat.Xlsx
                : FileFormat.Unknown;
        }

        if (body.StartsWith(OleMagic))
        {
            return FileFormat.Doc;
        }

        return TextFormat(body);
    }

    /// <summary>The format a Content-Type claims; null when it claims nothing (missing, octet-stream).</summary>
    public static FileFormat? FromContentType(string? contentType)
    {
        var media = MediaType(contentType);
        return media switch
        {
            "" or "application/octet-stream" or "binary/octet-stream" or "application/force-download" or "application/download" or "application/zip" => null,
            "application/pdf" or "application/x-pdf" => FileFormat.Pdf,
            "text/html" or "application/xhtml+xml" => FileFormat.Html,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => FileFormat.Docx,
            "application/msword" => FileFormat.Doc,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => FileFormat.Xlsx,
            "application/json" or "text/json" => FileFormat.Json,
            _ when media.EndsWith("+json", StringComparison.Ordinal) => FileFormat.Json,
            "text/plain" => FileFormat.Text,
            _ => FileFormat.Unknown,
        };
    }

    /// <summary>Decides what a body is from both; the bytes win, a contradiction is a problem.</summary>
    public static SniffResult Sniff(ReadOnlySpan<byte> body, string? contentType)
    {
        var sniffed = FromBytes(body);
        var declared = FromContentType(contentType);
        var shown = string.IsNullOrWhiteSpace(contentType) ? "no Content-Type" : MediaType(contentType);
        if (sniffed == FileFormat.Unknown)
        {
            return new SniffResult(FileFormat.Unknown, $"unrecognised content ({shown}, {body.Length:N0} bytes)");
        }

        if (declared is null || declared == sniffed)
        {
            return new SniffResult(sniffed, null);
        }

        // Text-like bodies: a server that says text/html for a fragment without <html> is right.
        if (IsTextual(declared.Value) && sniffed == FileFormat.Text)
        {
            return new SniffResult(declared.Value, null);
        }

        if (declared == FileFormat.Text && sniffed is FileFormat.Html or FileFormat.Json)
        {
            return new SniffResult(sniffed, null);
        }

        return new SniffResult(sniffed, $"wrong content type: declared {shown}, content is {Name(sniffed)}");
    }

    public static string Extension(FileFormat format) => format switch
    {
        FileFormat.Pdf => "pdf",
        FileFormat.Html => "html",
        FileFormat.Docx => "docx",
        FileFormat.Doc => "doc",
        FileFormat.Xlsx => "xlsx",
        FileFormat.Json => "json",
        FileFormat.Text => "txt",
        _ => "bin",
    };

    private static string Name(FileFormat format) => format.ToString().ToUpperInvariant() switch
    {
        "TEXT" => "plain text",
        var name => name,
    };

    private static bool IsTextual(FileFormat format) => format is FileFormat.Html or FileFormat.Json or FileFormat.Text;

    private static string MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "";
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    private static FileFormat TextFormat(ReadOnlySpan<byte> body)
    {
        // Binary content has NULs or many control bytes early on; text (UTF-8 or Latin-1) does not.
        var sample = body[..Math.Min(body.Length, 4096)];
        if (sample.IndexOf((byte)0) >= 0)
        {
            return FileFormat.Unknown;
        }

        var controls = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f'))
            {
                controls++;
            }
        }

        if (controls > sample.Length / 100)
        {
            return FileFormat.Unknown;
        }

        var text = Encoding.UTF8.GetString(sample[..Math.Min(sample.Length, 1024)]).AsSpan().TrimStart('\uFEFF').TrimStart();
        if (text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (text.StartsWith("<", StringComparison.Ordinal) && text.Contains("<body", StringComparison.OrdinalIgnoreCase)))
        {
            return FileFormat.Html;
        }

        return text.StartsWith("{", StringComparison.Ordinal) || text.StartsWith("[", StringComparison.Ordinal)
            ? FileFormat.Json
            : FileFormat.Text;
    }
}
