using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace QaIngest.Text;

/// <summary>
/// Text as XML 1.0 may hold it. A document's text can carry characters XML forbids (U+FFFE, U+FFFF,
/// a lone surrogate, a control character other than tab, CR and LF): written into an XML element
/// they make the writer throw, every time the same text is written again (an alert feed on every
/// run). They are left out, together with the other Unicode non-characters (U+FDD0–U+FDEF and the
/// last two code points of every plane), which XML discourages and feed readers refuse. Every XML
/// writer of the project cleans its tree with <see cref="Clean(XElement)"/> just before writing it.
/// </summary>
public static class XmlSafeText
{
    /// <summary><paramref name="text"/> without the characters XML forbids or discourages; the same instance when it has none.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstBad(text);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var length = Allowed(text, i);
            if (length > 0)
            {
                clean.Append(text, i, length);
                i += length - 1;
            }
        }

        return clean.ToString();
    }

    /// <summary>
    /// Cleans every text, CDATA, comment and attribute value of <paramref name="node"/> and below it
    /// in place (an iterative walk), and returns it: one call covers every string a writer put in.
    /// </summary>
    public static XElement Clean(XElement node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var descendant in node.DescendantNodesAndSelf().ToList())
        {
            switch (descendant)
            {
                case XText text:
                    text.Value = Clean(text.Value);
                    break;
                case XComment comment:
                    comment.Value = Clean(comment.Value);
                    break;
                case XElement element:
                    foreach (var attribute in element.Attributes())
                    {
                        attribute.Value = Clean(attribute.Value);
                    }

                    break;
            }
        }

        return node;
    }

    private static int FirstBad(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var length = Allowed(text, i);
            if (length == 0)
            {
                return i;
            }

            i += length - 1;
        }

        return -1;
    }

    // How many chars the character at text[i] takes when XML allows it (2 for a surrogate pair), 0 when not.
    private static int Allowed(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            var scalar = char.ConvertToUtf32(c, text[i + 1]);
            return (scalar & 0xFFFE) == 0xFFFE ? 0 : 2;
        }

        return XmlConvert.IsXmlChar(c) && c is not (>= '\uFDD0' and <= '\uFDEF') ? 1 : 0;
    }
}
