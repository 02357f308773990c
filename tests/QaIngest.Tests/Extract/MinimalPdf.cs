using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QaIngest.Tests.Extract;

/// <summary>
/// Writes small, valid PDF files for the extractor's edge cases (image-only, encrypted, many
/// pages) at test time, so no binary test data has to be trusted or explained.
/// </summary>
public static class MinimalPdf
{
    /// <summary>One page that shows an 8×8 grey image and has no text at all: what a scanner makes.</summary>
    public static byte[] ImageOnly()
    {
        var image = new byte[64];
        Array.Fill(image, (byte)0x80);
        const string content = "q 100 0 0 100 50 600 cm /Im1 Do Q";
        return Build(
            [
                Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"),
                Stream(string.Empty, Ascii(content)),
                Stream("/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8", image),
            ],
            string.Empty);
    }

    /// <summary>
    /// A document protected by the standard security handler with a user password: its /U entry
    /// matches no password poppler can try, so it cannot be opened without one.
    /// </summary>
    public static byte[] Encrypted()
    {
        var pages = TextPages(1, 3);
        var objects = pages.Objects.Append(Ascii($"<< /Filter /Standard /V 1 /R 2 /O <{new string('2', 64)}> /U <{new string('1', 64)}> /P -4 >>")).ToList();
        var id = new string('a', 32);
        return Build(objects, $"/Encrypt {objects.Count} 0 R /ID [<{id}> <{id}>] ");
    }

    /// <summary>A document of <paramref name="pageCount"/> pages, each with <paramref name="linesPerPage"/> lines of Helvetica text.</summary>
    public static byte[] WithText(int pageCount, int linesPerPage)
    {
        var pages = TextPages(pageCount, linesPerPage);
        return Build(pages.Objects, string.Empty);
    }

    /// <summary>
    /// A document encrypted by the standard security handler (RC4, 40 bits, revision 2) with an
    /// empty user password and an owner password: any reader opens it without asking, as a
    /// browser does for the many "protected" PDFs that only restrict printing or editing.
    /// </summary>
    public static byte[] EncryptedWithEmptyUserPassword(int linesPerPage)
    {
        var id = Convert.FromHexString("0123456789ABCDEF0123456789ABCDEF");
        const int permissions = -4;

        // Algorithm 3.3: /O is the padded user password encrypted with a key from the owner password.
        var ownerKey = MD5.HashData(Pad("eigenaar"u8))[..5];
        var owner = Rc4(ownerKey, Pad([]));

        // Algorithm 3.2: the file key from the padded user password, /O, /P and the first ID; 3.4: /U.
        var fileKey = MD5.HashData([.. Pad([]), .. owner, .. BitConverter.GetBytes(permissions), .. id])[..5];
        var user = Rc4(fileKey, Pad([]));

        // Algorithm 3.1: each stream is encrypted with a key from the file key and its object number.
        var pages = TextPages(1, linesPerPage, (number, data) => Rc4(MD5.HashData([.. fileKey, (byte)number, (byte)(number >> 8), (byte)(number >> 16), 0, 0])[..10], data));
        var objects = pages.Objects.Append(Ascii($"<< /Filter /Standard /V 1 /R 2 /O <{Convert.ToHexString(owner)}> /U <{Convert.ToHexString(user)}> /P {permissions} >>")).ToList();
        var hex = Convert.ToHexString(id);
        return Build(objects, $"/Encrypt {objects.Count} 0 R /ID [<{hex}> <{hex}>] ");
    }

    /// <summary>
    /// A text page whose catalog carries <paramref name="depth"/> nested arrays: poppler skips them
    /// with syntax errors and reads the page; PdfPig refuses the whole document past its nesting limit.
    /// </summary>
    public static byte[] DeeplyNested(int depth)
    {
        var objects = TextPages(1, 5).Objects;
        objects[0] = Ascii($"<< /Type /Catalog /Pages 2 0 R /QaIngestNested {new string('[', depth)}{new string(']', depth)} >>");
        return Build(objects, string.Empty);
    }

    /// <summary>
    /// One line of text in a Type0 font that declares no descendant font: PdfPig cannot load the
    /// font and finds no letters on the page; poppler falls back to a substitute font and reads it.
    /// </summary>
    public static byte[] UndecodableFont()
    {
        return Build(
            [
                Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
                Stream(string.Empty, Ascii("BT /F1 10 Tf 72 770 Td (Regel een van de pagina.) Tj ET")),
                Ascii("<< /Type /Font /Subtype /Type0 /BaseFont /QaIngestBroken /Encoding /Identity-H /DescendantFonts [] >>"),
            ],
            string.Empty);
    }

    /// <summary>
    /// One page whose Helvetica font maps codes to the ligatures ﬁ (U+FB01) and ﬂ (U+FB02) and the
    /// soft hyphen (U+00AD), by glyph name (/fi /fl /sfthyphen, which PdfPig reads for a standard
    /// font) and by a /ToUnicode CMap (which poppler reads), next to €, é, ë and ï from WinAnsi:
    /// a paragraph of three lines in which a soft hyphen breaks "verant-woordelijk" at a line end
    /// and another sits inside "ge-zamenlijke".
    /// </summary>
    public static byte[] MappedCharacters()
    {
        const string content = """
            BT /F1 11 Tf 72 760 Td
            (Het financi\353le \002exibiliteitsplan van het caf\351 is na\357ef en verant\255) Tj
            0 -14 Td (woordelijk voor \200 1.250 aan \001lialen en ge\255zamenlijke kosten van de stad.) Tj
            0 -14 Td (Einde.) Tj
            ET
            """;
        var toUnicode = """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /QaIngest-UCS def /CMapType 2 def
            1 begincodespacerange <00> <FF> endcodespacerange
            6 beginbfchar
            <01> <FB01>
            <02> <FB02>
            <80> <20AC>
            <AD> <00AD>
            <E9> <00E9>
            <EB> <00EB>
            endbfchar
            2 beginbfrange
            <20> <7E> <0020>
            <EF> <EF> <00EF>
            endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end
            """;
        return Build(
            [
                Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
                Stream(string.Empty, Ascii(content.ReplaceLineEndings("\n"))),
                Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl 173 /sfthyphen] >> /ToUnicode 6 0 R >>"),
                Stream(string.Empty, Ascii(toUnicode.ReplaceLineEndings("\n"))),
            ],
            string.Empty);
    }

    /// <summary>
    /// One page with the layouts that decide where words end: a list label set against its text by
    /// a 1.9 pt move and no space, a justified line whose words are placed by TJ offsets without
    /// spaces, a line with word spacing (Tw) on real spaces, and a line that changes font mid-word.
    /// </summary>
    public static byte[] WordLayouts()
    {
        // Helvetica's "10." is 13.9 pt wide at 10 pt: the text starts 1.9 pt after it.
        const string content = """
            BT /F1 10 Tf 72 760 Td (10.) Tj 15.8 0 Td (Beschikt de minister over cijfers?) Tj ET
            BT /F1 10 Tf 72 720 Td [(Dit)-600(is)-600(een)-600(uitgevulde)-600(regel.)] TJ ET
            BT /F1 10 Tf 8 Tw 72 680 Td (Met woordafstand gezet.) Tj ET
            BT /F2 10 Tf 72 640 Td (JUSTITIE EN HANDHAVING) Tj /F1 10 Tf (, OMGEVING) Tj ET
            """;
        return Build(
            [
                Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>"),
                Stream(string.Empty, Ascii(content.ReplaceLineEndings("\n"))),
                Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
                Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
            ],
            string.Empty);
    }

    private static byte[] Pad(ReadOnlySpan<byte> password)
    {
        byte[] padding = [0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A];
        var padded = new byte[32];
        var n = Math.Min(password.Length, 32);
        password[..n].CopyTo(padded);
        padding.AsSpan(0, 32 - n).CopyTo(padded.AsSpan(n));
        return padded;
    }

    /// <summary>RC4, which .NET does not ship; PDF's standard security handler revision 2 uses it.</summary>
    private static byte[] Rc4(byte[] key, byte[] data)
    {
        var s = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }

        var output = new byte[data.Length];
        for (int k = 0, i = 0, j = 0; k < data.Length; k++)
        {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
            output[k] = (byte)(data[k] ^ s[(s[i] + s[j]) & 0xFF]);
        }

        return output;
    }

    private static (List<byte[]> Objects, int Count) TextPages(int pageCount, int linesPerPage, Func<int, byte[], byte[]>? encrypt = null)
    {
        // 1 catalog, 2 pages, 3 font, then a page object and its content stream per page.
        var objects = new List<byte[]>
        {
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Array.Empty<byte>(),
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        };
        var kids = new StringBuilder();
        for (var p = 0; p < pageCount; p++)
        {
            var pageId = objects.Count + 1;
            kids.Append(CultureInfo.InvariantCulture, $"{pageId} 0 R ");
            objects.Add(Ascii($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {pageId + 1} 0 R >>"));
            var content = new StringBuilder("BT /F1 10 Tf 12 TL 72 770 Td\n");
            for (var l = 0; l < linesPerPage; l++)
            {
                content.Append(CultureInfo.InvariantCulture, $"(Regel {l + 1} van pagina {p + 1}.) Tj T*\n");
            }

            content.Append("ET");
            var data = Ascii(content.ToString());
            objects.Add(Stream(string.Empty, encrypt is null ? data : encrypt(objects.Count + 1, data)));
        }

        objects[1] = Ascii($"<< /Type /Pages /Kids [{kids}] /Count {pageCount} >>");
        return (objects, pageCount);
    }

    private static byte[] Stream(string dictionary, byte[] data) =>
        [.. Ascii($"<< {dictionary} /Length {data.Length} >>\nstream\n"), .. data, .. Ascii("\nendstream")];

    private static byte[] Build(IReadOnlyList<byte[]> objects, string trailerExtra)
    {
        using var pdf = new MemoryStream();
        Write(pdf, "%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            Write(pdf, $"{i + 1} 0 obj\n");
            pdf.Write(objects[i]);
            Write(pdf, "\nendobj\n");
        }

        var xref = pdf.Position;
        Write(pdf, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write(pdf, $"{offset:D10} 00000 n \n");
        }

        Write(pdf, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R {trailerExtra}>>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static void Write(Stream stream, string text) => stream.Write(Ascii(text));

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
