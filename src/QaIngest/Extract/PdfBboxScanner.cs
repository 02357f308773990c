using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace QaIngest.Extract;

/// <summary>
/// A scanner for the one XHTML shape <c>pdftotext -bbox-layout</c> writes (pages of lines of words
/// with their boxes), reading spans of the string without building a tree or allocating per
/// attribute. It refuses anything it does not recognise, and the caller then falls back to a
/// general XML or HTML reader. Pure and thread-safe.
/// </summary>
internal static class PdfBboxScanner
{
    /// <summary>Reads the pieces of lines of every page; false when the input is not in poppler's shape.</summary>
    public static bool TryRead(string xhtml, out ImmutableArray<(double Width, double Height, List<ImmutableArray<PdfWord>> Pieces)> pages)
    {
        var result = ImmutableArray.CreateBuilder<(double, double, List<ImmutableArray<PdfWord>>)>();
        pages = default;
        List<ImmutableArray<PdfWord>>? pieces = null;
        ImmutableArray<PdfWord>.Builder? words = null;
        double width = 0, height = 0;
        var span = xhtml.AsSpan();
        var pos = 0;
        while (true)
        {
            var open = xhtml.IndexOf('<', pos);
            if (open < 0)
            {
                break;
            }

            var close = xhtml.IndexOf('>', open);
            if (close < 0)
            {
                return false;
            }

            var tag = span[(open + 1)..close];
            pos = close + 1;
            if (tag.StartsWith("word "))
            {
                var end = xhtml.IndexOf("</word>", pos, StringComparison.Ordinal);
                if (words is null || end < 0
                    || !Attribute(tag, "xMin", out var xMin) || !Attribute(tag, "yMin", out var yMin)
                    || !Attribute(tag, "xMax", out var xMax) || !Attribute(tag, "yMax", out var yMax))
                {
                    return false;
                }

                var text = span[pos..end].Trim();
                if (text.Length > 0)
                {
                    words.Add(new PdfWord(PdfLayoutReader.CleanWord(text.Contains('&') ? WebUtility.HtmlDecode(text.ToString()) : text.ToString()), xMin, yMin, xMax, yMax));
                }

                pos = end + "</word>".Length;
            }
            else if (tag.StartsWith("line ") || tag.SequenceEqual("line"))
            {
                words = ImmutableArray.CreateBuilder<PdfWord>();
            }
            else if (tag.SequenceEqual("/line"))
            {
                if (words is null || pieces is null)
                {
                    return false;
                }

                if (words.Count > 0)
                {
                    pieces.Add(words.ToImmutable());
                }

                words = null;
            }
            else if (tag.StartsWith("page "))
            {
                if (!Attribute(tag, "width", out width) || !Attribute(tag, "height", out height))
                {
                    return false;
                }

                pieces = [];
                if (tag.EndsWith("/"))
                {
                    result.Add((width, height, pieces));
                    pieces = null;
                }
            }
            else if (tag.SequenceEqual("/page"))
            {
                if (pieces is null)
                {
                    return false;
                }

                result.Add((width, height, pieces));
                pieces = null;
            }
        }

        pages = result.ToImmutable();
        return pieces is null && words is null;
    }

    private static bool Attribute(ReadOnlySpan<char> tag, string name, out double value)
    {
        value = 0;
        var at = tag.IndexOf(name);
        if (at < 0 || at + name.Length + 2 > tag.Length || tag[at + name.Length] != '=' || tag[at + name.Length + 1] != '"')
        {
            return false;
        }

        var rest = tag[(at + name.Length + 2)..];
        var quote = rest.IndexOf('"');
        return quote >= 0 && double.TryParse(rest[..quote], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
