namespace QaIngest.Text;

/// <summary>
/// Decides whether decoded input is text at all. Binary garbage (random bytes, an image, a zip
/// read as text) is rejected with a one-line reason instead of being parsed into nonsense.
/// </summary>
public static class TextSanity
{
    /// <summary>Returns null when the text looks like a document, or a one-line reason when it does not.</summary>
    public static string? Check(string text)
    {
        if (text.Length == 0 || text.All(c => char.IsWhiteSpace(c) || c == '\uFEFF'))
        {
            return "empty document: no text";
        }

        var suspicious = 0;
        var letters = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return "binary content: the input contains NUL bytes, it is not a text document";
            }

            if (c == '\uFFFD' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')))
            {
                suspicious++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        if (suspicious > text.Length / 50)
        {
            return $"binary content: {100.0 * suspicious / text.Length:0.#}% of the characters are not text";
        }

        return letters == 0 ? "no text: the input has no letters" : null;
    }
}
