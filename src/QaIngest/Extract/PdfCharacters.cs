using System.Text;

namespace QaIngest.Extract;

/// <summary>
/// The explicit character table every PDF word passes through, whichever engine read it. The build
/// runs with <c>InvariantGlobalization=true</c>, under which <see cref="string.Normalize()"/> leaves
/// text as it is, so NFKC cannot be relied on: ligatures (U+FB00–FB06) would reach the index as
/// single code points that no typed query matches. Only what a PDF font produces and the corpus
/// searches differently is mapped; quotes, dashes, the ellipsis, € and accented letters stay.
/// Pure and thread-safe.
/// </summary>
public static class PdfCharacters
{
    /// <summary>The soft hyphen: an invisible break opportunity, kept only where it ends a word (see <see cref="Normalise"/>).</summary>
    public const char SoftHyphen = '\u00AD';

    /// <summary>
    /// Returns <paramref name="word"/> with its characters mapped by the table and trimmed. A soft
    /// hyphen inside a word is dropped; one at its end is kept, because it marks a word broken
    /// at the end of a line, which <see cref="PdfParagraphBuilder"/> rejoins without a space.
    /// </summary>
    public static string Normalise(string word)
    {
        word = word.Trim();
        var i = 0;
        while (i < word.Length && !NeedsMapping(word[i], i == word.Length - 1))
        {
            i++;
        }

        if (i == word.Length)
        {
            return word;
        }

        var sb = new StringBuilder(word.Length + 4);
        sb.Append(word, 0, i);
        for (; i < word.Length; i++)
        {
            var c = word[i];
            if (c == SoftHyphen && i == word.Length - 1)
            {
                sb.Append(c);
            }
            else if (IsCombiningMark(c) && sb.Length > 0 && Compose(sb[^1], c) is { } composed)
            {
                sb[^1] = composed;
            }
            else
            {
                sb.Append(Map(c));
            }
        }

        return sb.ToString().Trim();
    }

    /// <summary>True for the characters that separate words (a no-break space is still a space between words).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is '\u00A0' or '\u2007' or '\u202F';

    private static bool NeedsMapping(char c, bool last) =>
        c is >= '\uFB00' and <= '\uFB06' or >= '\uFF01' and <= '\uFF5E' or '\u00A0' or '\u2007' or '\u202F' or '\u2010' or '\u2011'
            or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'
        || (c == SoftHyphen && !last)
        || IsCombiningMark(c);

    private static string Map(char c) => c switch
    {
        // Latin ligatures, as NFKC decomposes them.
        '\uFB00' => "ff",
        '\uFB01' => "fi",
        '\uFB02' => "fl",
        '\uFB03' => "ffi",
        '\uFB04' => "ffl",
        '\uFB05' or '\uFB06' => "st",

        // Compatibility forms: fullwidth ASCII, the spaces and hyphens a word processor uses to keep words together.
        >= '\uFF01' and <= '\uFF5E' => ((char)(c - 0xFEE0)).ToString(),
        '\u00A0' or '\u2007' or '\u202F' => " ",
        '\u2010' or '\u2011' => "-",

        // Invisible: the soft hyphen inside a word, zero-width spaces and joiners, a stray byte-order mark.
        SoftHyphen or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => string.Empty,

        // A combining mark with no letter to compose with (see Compose) is kept as it is.
        _ => c.ToString(),
    };

    private static bool IsCombiningMark(char c) => c is '\u0300' or '\u0301' or '\u0302' or '\u0308' or '\u0327';

    /// <summary>
    /// Some fonts draw an accent as a glyph of its own after the letter; the corpus has the
    /// precomposed letter (é, ë, ï...), which is what NFC would give for the Dutch and French vowels.
    /// </summary>
    private static char? Compose(char letter, char mark)
    {
        const string Bases = "aeiouAEIOUcCnN";
        var at = Bases.IndexOf(letter, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        // One row per mark, one column per base letter above; a space where no precomposed letter exists.
        var row = mark switch
        {
            '\u0300' => "àèìòùÀÈÌÒÙ    ",
            '\u0301' => "áéíóúÁÉÍÓÚ    ",
            '\u0302' => "âêîôûÂÊÎÔÛ    ",
            '\u0308' => "äëïöüÄËÏÖÜ    ",
            '\u0327' => "          çÇ  ",
            _ => null,
        };
        return row is null || row[at] == ' ' ? null : row[at];
    }
}
