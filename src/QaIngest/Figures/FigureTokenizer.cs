namespace QaIngest.Figures;

/// <summary>
/// Splits a text into numbers, words and single-character symbols. A number is a digit run with
/// inner <c>.</c> or <c>,</c> separators ("24.000.000,00"); a separator not followed by a digit is a
/// symbol of its own, so the sentence period in "€ 93.167.648." stays outside the number. Pure.
/// </summary>
internal static class FigureTokenizer
{
    public static List<FigureToken> Tokenize(string text)
    {
        var tokens = new List<FigureToken>(text.Length / 5);
        var space = true;
        var newline = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n' || c == '\r' || c == '\f')
            {
                newline = true;
                space = true;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = true;
                i++;
                continue;
            }

            var start = i;
            FigureTokenKind kind;
            if (char.IsAsciiDigit(c))
            {
                kind = FigureTokenKind.Number;
                i = ScanNumber(text, i);
            }
            else if (IsLinkStart(text, i))
            {
                kind = FigureTokenKind.Link;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }
            else if (char.IsLetter(c))
            {
                kind = FigureTokenKind.Word;
                i = ScanWord(text, i);
            }
            else
            {
                kind = FigureTokenKind.Symbol;
                i++;
            }

            tokens.Add(new FigureToken(kind, start, i - start, space, newline));
            space = false;
            newline = false;
        }

        return tokens;
    }

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            else if ((text[i] == '.' || text[i] == ',') && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    // Inner hyphens and apostrophes belong to the word ("re-integratie", "BTOM's", "zo'n"); a
    // hyphen before a digit does not ("COVID-19"), so the number stays a token of its own.
    private static int ScanWord(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c))
            {
                i++;
            }
            else if ((c == '-' || c == '\'' || c == '’') && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsLinkStart(string text, int i)
    {
        var rest = text.AsSpan(i);
        if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // An e-mail address: letters up to an '@' without whitespace in between.
        for (var j = i; j < text.Length && j < i + 64; j++)
        {
            var c = text[j];
            if (c == '@')
            {
                return j > i;
            }

            if (!char.IsLetterOrDigit(c) && c != '.' && c != '-' && c != '_')
            {
                return false;
            }
        }

        return false;
    }
}
