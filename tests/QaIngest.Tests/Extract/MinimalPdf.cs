using System.Globalization;
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

    private static (List<byte[]> Objects, int Count) TextPages(int pageCount, int linesPerPage)
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
            objects.Add(Stream(string.Empty, Ascii(content.ToString())));
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
