using System.Text;

namespace QaIngest.Extract;

/// <summary>
/// Turns the bytes of a text or HTML document into a string: a BOM decides (UTF-8, UTF-16 LE or BE);
/// without one, bytes that are valid UTF-8 are UTF-8 and anything else is Windows-1252, the superset
/// of Latin-1 that older Flemish pages and Windows editors write (its 0x80–0x9F hold €, curly quotes
/// and dashes where Latin-1 has control codes). Pure and thread-safe.
/// </summary>
internal static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Windows-1252 from the runtime's own code-page tables (in the shared framework; the
    /// provider is asked directly rather than registered process-wide).
    /// </summary>
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("the runtime has no Windows-1252 code page");

    /// <summary>The encoding a BOM at the start of <paramref name="bytes"/> names, and the BOM's length; null without one.</summary>
    public static (Encoding Encoding, int BomLength)? FromBom(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => null,
    };

    /// <summary>Whether <paramref name="bytes"/> are entirely valid UTF-8.</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>The text of <paramref name="bytes"/>, without a BOM.</summary>
    public static string Decode(byte[] bytes)
    {
        if (FromBom(bytes) is var (encoding, bomLength))
        {
            // With a BOM the encoding is declared: a bad sequence becomes U+FFFD rather than a refusal.
            return encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252.GetString(bytes);
        }
    }
}
