using System.Globalization;

namespace QaIngest.Figures;

/// <summary>
/// Reads numbers written the Dutch way: <c>.</c> groups thousands in threes, <c>,</c> is the decimal
/// mark ("266.225.260", "1,5", "24.000.000,00"), and the common written numbers ("twee",
/// "vijfentwintig", "anderhalf"). Anything else ("1.5", "24.12.2021", "0032") is not a quantity. Pure.
/// </summary>
internal static class DutchNumber
{
    /// <summary>At most 15 digits before the comma (with their thousands points: 15 + 4 characters).</summary>
    private const int MaxIntegerDigits = 15;

    private const int MaxIntegerChars = MaxIntegerDigits + 4;

    private const int MaxFractionDigits = 10;

    /// <summary>Parses a digit token; <paramref name="decimals"/> is the number of digits after the comma.</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> s, out decimal value, out int decimals, out bool grouped)
    {
        value = 0;
        decimals = 0;
        grouped = false;
        var comma = s.IndexOf(',');
        if (comma >= 0 && s[(comma + 1)..].IndexOfAny('.', ',') >= 0)
        {
            return false;
        }

        var integer = comma >= 0 ? s[..comma] : s;
        var fraction = comma >= 0 ? s[(comma + 1)..] : [];
        if (integer.Length == 0 || (integer.Length > 1 && integer[0] == '0'))
        {
            // A leading zero is a phone number, a code or a zero-padded label, never an amount.
            return false;
        }

        // More digits than any quantity has (and more than decimal holds): an identifier, a
        // damaged table row or hostile input. Checked before reading, so nothing can overflow.
        if (integer.Length > MaxIntegerChars || fraction.Length > MaxFractionDigits)
        {
            return false;
        }

        if (!TryReadGroups(integer, allowEmptyGroup: true, out var result, out var groups, out var groupLength)
            || (groups > 0 && groupLength != 3))
        {
            return false;
        }

        foreach (var c in fraction)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            result += (c - '0') * Pow10(-(++decimals));
        }

        grouped = groups > 0;
        value = result;
        return true;
    }

    /// <summary>
    /// Reads an amount whose last thousands group is short ("1.591.505.98": a decimal comma typed as a
    /// period): the value as written, every digit kept (159150598). The caller reports it with a warning.
    /// </summary>
    public static bool TryParseMisplacedGroups(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        if (s.Length > MaxIntegerChars + 3 || s.IndexOf(',') >= 0 || s.Length == 0 || s[0] == '0')
        {
            return false;
        }

        if (!TryReadGroups(s, allowEmptyGroup: false, out var result, out var groups, out var groupLength)
            || groups < 2 || groupLength is < 1 or > 2)
        {
            return false;
        }

        value = result;
        return true;
    }

    /// <summary>
    /// Reads digits grouped by thousands points: the first group has at most three digits, every
    /// later group exactly three, except the last, which the callers judge (<paramref name="lastGroupLength"/>).
    /// One loop for both readers, so a change to the grouping rule cannot reach only one of them;
    /// <paramref name="allowEmptyGroup"/> is the one difference (the strict reader lets ".5" fail
    /// later on its length, the misplaced-group reader rejects an empty group at once).
    /// </summary>
    private static bool TryReadGroups(ReadOnlySpan<char> s, bool allowEmptyGroup, out decimal value, out int groups, out int lastGroupLength)
    {
        value = 0;
        groups = 0;
        lastGroupLength = 0;
        var digits = 0;
        foreach (var c in s)
        {
            if (c == '.')
            {
                if ((!allowEmptyGroup && lastGroupLength == 0) || (groups == 0 ? lastGroupLength > 3 : lastGroupLength != 3))
                {
                    return false;
                }

                groups++;
                lastGroupLength = 0;
                continue;
            }

            if (!char.IsAsciiDigit(c) || ++digits > MaxIntegerDigits)
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            lastGroupLength++;
        }

        return true;
    }

    /// <summary>
    /// Parses "1.5" as one and a half: only used before a scale word ("1.5 miljoen euro"), where a
    /// period with one or two digits after it cannot be a thousands separator.
    /// </summary>
    public static bool TryParsePointDecimal(ReadOnlySpan<char> s, out decimal value, out int decimals)
    {
        value = 0;
        decimals = 0;
        var dot = s.IndexOf('.');
        if (dot <= 0 || s.Length - dot - 1 is < 1 or > 2 || s[(dot + 1)..].IndexOfAny('.', ',') >= 0)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[s.Length];
        s.CopyTo(buffer);
        buffer[dot] = ',';
        return TryParseDigits(buffer, out value, out decimals, out _);
    }

    /// <summary>Parses a written number ("twee", "vijfentwintig", "driehonderd", "anderhalf").</summary>
    public static bool TryParseWord(ReadOnlySpan<char> word, out decimal value)
    {
        var lower = word.Length <= 32 ? word.ToString().ToLower(CultureInfo.InvariantCulture) : "";
        if (lower.Length == 0)
        {
            value = 0;
            return false;
        }

        if (FigureLexicon.WrittenNumbers.TryGetValue(lower, out value))
        {
            return true;
        }

        var hundred = lower.IndexOf("honderd", StringComparison.Ordinal);
        if (hundred >= 0)
        {
            decimal multiplier = 1;
            decimal rest = 0;
            var head = lower[..hundred];
            var tail = lower[(hundred + "honderd".Length)..];
            if (head.Length > 0 && !(TryParseBelowHundred(head, out multiplier) && multiplier < 10))
            {
                return false;
            }

            if (tail.StartsWith("en", StringComparison.Ordinal) && !FigureLexicon.WrittenNumbers.ContainsKey(tail))
            {
                tail = tail[2..];
            }

            if (tail.Length > 0 && !TryParseBelowHundred(tail, out rest))
            {
                return false;
            }

            value = (multiplier * 100) + rest;
            return true;
        }

        return TryParseBelowHundred(lower, out value);
    }

    // "eenentwintig", "drieëntwintig", "vijfenveertig": a unit, "en" (or "ën"), a ten.
    private static bool TryParseBelowHundred(string s, out decimal value)
    {
        if (FigureLexicon.WrittenNumbers.TryGetValue(s, out value) && value >= 1 && value == decimal.Truncate(value))
        {
            return true;
        }

        foreach (var joint in (ReadOnlySpan<string>)["en", "ën"])
        {
            for (var at = s.IndexOf(joint, 1, StringComparison.Ordinal); at > 0; at = s.IndexOf(joint, at + 1, StringComparison.Ordinal))
            {
                var unitText = s[..at];
                if (FigureLexicon.WrittenNumbers.TryGetValue(unitText, out var unit) && unit is >= 1 and <= 9 && unit == decimal.Truncate(unit)
                    && FigureLexicon.WrittenNumbers.TryGetValue(s[(at + joint.Length)..], out var ten) && ten is >= 20 and <= 90 && ten % 10 == 0)
                {
                    value = unit + ten;
                    return true;
                }
            }
        }

        value = 0;
        return false;
    }

    public static decimal Pow10(int exponent)
    {
        decimal result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        for (var i = 0; i > exponent; i--)
        {
            result /= 10;
        }

        return result;
    }
}
