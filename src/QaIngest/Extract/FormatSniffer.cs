using System.IO;
using System.IO.Compression;
using System.Text;

namespace QaIngest.Extract;

/// <summary>
/// Recognises a document's format from its bytes, never from a file name: servers send PDFs as
/// <c>text/html</c> and landing pages with a <c>.pdf</c> name. Pure and thread-safe.
/// </summary>
public static class FormatSniffer
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    // The PDF specification lets readers accept junk before the header; poppler looks this far.
    private const int PdfHeaderWindow = 1024;

    /// <summary>Returns the format of <paramref name="bytes"/>.</summary>
    /// <remarks>
    /// Every OLE compound file is reported as <see cref="SourceFormat.LegacyDoc"/>: telling a .doc
    /// from an .xls or a password-protected .docx would mean reading the OLE directory, and none of
    /// them can be extracted here anyway.
    /// </remarks>
    public static SourceFormat Sniff(ReadOnlySpan<byte> bytes)
    {
        if (TextDecoder.FromBom(bytes) is ({ CodePage: not 65001 } encoding, var bomLength))
        {
            return SniffUtf16(encoding, bytes[bomLength..]);
        }

        if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        var trimmed = TrimLeadingWhiteSpace(bytes);
        if (trimmed.IsEmpty)
        {
            return SourceFormat.Empty;
        }

        if (bytes[..Math.Min(bytes.Length, PdfHeaderWindow)].IndexOf(PdfMagic) >= 0)
        {
            return SourceFormat.Pdf;
        }

        if (bytes.StartsWith(OleMagic))
        {
            return SourceFormat.LegacyDoc;
        }

        if (bytes.StartsWith(ZipMagic))
        {
            return IsWordPackage(bytes) ? SourceFormat.Docx : SourceFormat.Unknown;
        }

        // Markup is ASCII, so an HTML page in Latin-1 is still recognised here.
        if (bytes[..Math.Min(bytes.Length, 64 * 1024)].IndexOf((byte)0) < 0 && LooksLikeHtml(trimmed))
        {
            return SourceFormat.Html;
        }

        return IsUtf8Text(bytes) || IsSingleByteText(bytes) ? SourceFormat.PlainText : SourceFormat.Unknown;
    }

    /// <summary>Text or HTML written in UTF-16 behind its BOM, judged on its decoded head.</summary>
    private static SourceFormat SniffUtf16(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var head = encoding.GetString(bytes[..(Math.Min(bytes.Length, 64 * 1024) & ~1)]);
        var trimmed = head.TrimStart(' ', '\t', '\r', '\n', '\f');
        if (trimmed.Length == 0)
        {
            return SourceFormat.Empty;
        }

        if (LooksLikeHtml(trimmed))
        {
            return SourceFormat.Html;
        }

        var controls = head.Count(c => c < ' ' && c is not ('\n' or '\r' or '\t' or '\f'));
        return head.Contains('\0') || controls > head.Length / 100 ? SourceFormat.Unknown : SourceFormat.PlainText;
    }

    /// <summary>
    /// Single-byte text (Windows-1252, Latin-1) that is not valid UTF-8: no NUL, hardly any control
    /// bytes, none of the five bytes Windows-1252 leaves undefined, and letters of the 0x80–0xFF range
    /// as an accent here and there, not as most of the bytes (which is what binary data looks like).
    /// </summary>
    private static bool IsSingleByteText(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        int controls = 0, high = 0;
        foreach (var b in head)
        {
            if (b is 0 or 0x81 or 0x8D or 0x8F or 0x90 or 0x9D)
            {
                return false;
            }

            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f'))
            {
                controls++;
            }
            else if (b >= 0x80)
            {
                high++;
            }
        }

        return controls <= head.Length / 100 && high <= head.Length / 4;
    }

    private static ReadOnlySpan<byte> TrimLeadingWhiteSpace(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f')
        {
            i++;
        }

        return bytes[i..];
    }

    private static bool IsWordPackage(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            // A truncated or damaged ZIP: whatever it was meant to be, it cannot be read.
            return false;
        }
    }

    private static bool IsUtf8Text(ReadOnlySpan<byte> bytes)
    {
        // Only the head is checked, so a long file costs nothing; a multi-byte sequence cut at the
        // window edge is not an error.
        var head = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        if (head.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var status = System.Text.Unicode.Utf8.ToUtf16(head, new char[head.Length], out var read, out _, replaceInvalidSequences: false, isFinalBlock: head.Length == bytes.Length);
        if (status == System.Buffers.OperationStatus.InvalidData)
        {
            return false;
        }

        var controls = 0;
        foreach (var b in head[..read])
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f'))
            {
                controls++;
            }
        }

        return controls <= read / 100;
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> trimmed) => LooksLikeHtml(Encoding.UTF8.GetString(trimmed[..Math.Min(trimmed.Length, 2048)]));

    private static bool LooksLikeHtml(string head)
    {
        if (head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // An XML declaration or a comment may come first (XHTML, generated pages).
        return head.StartsWith('<')
            && (head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase));
    }
}
