using System.Text;
using QaIngest.Extract;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// Text files in the encodings careless tools write, once refused as "unknown format": the bytes are
/// written out here by hand from the code-page tables, and the expected text is what a reader sees.
/// </summary>
public sealed class HostileEncodingTests
{
    private const string Question = "Vraag over € 5 miljoen – coördinatie “welzijn”.\nCafé Noël à Genève.\n";

    public static TheoryData<string, byte[]> Encoded => new()
    {
        { "UTF-8", Utf8(Question) },
        { "UTF-8 with BOM", [0xEF, 0xBB, 0xBF, .. Utf8(Question)] },
        { "UTF-16 LE with BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Question)] },
        { "UTF-16 BE with BOM", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Question)] },

        // Windows-1252: € 0x80, – 0x96, “ 0x93, ” 0x94; ö é ë à è as in Latin-1.
        {
            "Windows-1252",
            Bytes("Vraag over ", 0x80, " 5 miljoen ", 0x96, " co", 0xF6, "rdinatie ", 0x93, "welzijn", 0x94, ".\nCaf", 0xE9, " No", 0xEB, "l ", 0xE0, " Gen", 0xE8, "ve.\n")
        },
    };

    [Theory]
    [MemberData(nameof(Encoded))]
    public async Task ExtractAsync_TextInACommonEncoding_IsDecoded(string encoding, byte[] bytes)
    {
        Assert.Equal(SourceFormat.PlainText, FormatSniffer.Sniff(bytes));

        var result = await new TextExtractor().ExtractAsync(bytes);

        Assert.True(result.Success, $"{encoding}: {result.Error}");
        Assert.Equal(Question, result.Value.Text);
    }

    [Fact]
    public async Task ExtractAsync_Latin1Text_IsDecoded()
    {
        var bytes = Bytes("Caf", 0xE9, " No", 0xEB, "l ", 0xE0, " Gen", 0xE8, "ve: 5 ", 0xB0, "C, 3 ", 0xBD, " uur.\n");

        var result = await new TextExtractor().ExtractAsync(bytes);

        Assert.True(result.Success, result.Error);
        Assert.Equal("Café Noël à Genève: 5 °C, 3 ½ uur.\n", result.Value.Text);
    }

    [Fact]
    public async Task ExtractAsync_Windows1252Html_KeepsTheEuroSign()
    {
        var bytes = Bytes("<!DOCTYPE html><html><body><p>Kostprijs: ", 0x80, " 24.000.000 ", 0x96, " raming</p></body></html>");

        var result = await new TextExtractor().ExtractAsync(bytes);

        Assert.True(result.Success, result.Error);
        Assert.Equal("Kostprijs: € 24.000.000 – raming\n", result.Value.Text);
    }

    [Fact]
    public async Task ExtractAsync_Utf16Html_IsReadAsHtml()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<!DOCTYPE html><html><body><h1>Antwoord</h1><p>Zie bijlage.</p></body></html>")];

        var result = await new TextExtractor().ExtractAsync(bytes);

        Assert.True(result.Success, result.Error);
        Assert.Equal(SourceFormat.Html, result.Value.Format);
        Assert.Equal("Antwoord\n\nZie bijlage.\n", result.Value.Text);
    }

    [Fact]
    public async Task ExtractAsync_RandomBytes_StayUnknown()
    {
        var bytes = new byte[64 * 1024];
        new Random(18).NextBytes(bytes);

        var result = await new TextExtractor().ExtractAsync(bytes);

        Assert.Equal(ExtractionFailure.UnknownFormat, result.Failure);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>ASCII strings and single bytes, in order.</summary>
    private static byte[] Bytes(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            if (part is string ascii)
            {
                bytes.AddRange(Encoding.ASCII.GetBytes(ascii));
            }
            else
            {
                bytes.Add(Convert.ToByte(part, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return [.. bytes];
    }
}
