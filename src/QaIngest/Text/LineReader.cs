using System.Collections.Immutable;

namespace QaIngest.Text;

/// <summary>Splits extracted text into non-blank <see cref="SourceLine"/>s. Pure and thread-safe.</summary>
public static class LineReader
{
    /// <summary>Reads every non-blank line; blank-line runs and form feeds become <see cref="SourceLine.BlankLinesBefore"/>.</summary>
    public static ImmutableArray<SourceLine> Read(string text)
    {
        var result = ImmutableArray.CreateBuilder<SourceLine>();
        var blanks = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n' && text[i] != '\r' && text[i] != '\f')
            {
                continue;
            }

            var raw = text.AsSpan(start, i - start);
            var formFeed = i < text.Length && text[i] == '\f';
            if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
            var collapsed = Collapse(raw);
            if (collapsed.Length == 0)
            {
                blanks += formFeed ? 2 : 1;
                continue;
            }

            var indented = raw.Length > 0 && IsSpace(raw[0]);
            var trailing = raw.Length > 0 && IsSpace(raw[^1]);
            result.Add(new SourceLine(result.Count, collapsed, indented, trailing, blanks));

            // A form feed is a page break before whatever follows it, even on the same line.
            blanks = formFeed ? 2 : 0;
        }

        return result.ToImmutable();
    }

    /// <summary>Trims and collapses runs of white space (including no-break spaces) to one space.</summary>
    public static string Collapse(ReadOnlySpan<char> raw)
    {
        var trimmed = raw.Trim(SpaceChars);
        if (trimmed.IsEmpty)
        {
            return string.Empty;
        }

        if (IsClean(trimmed))
        {
            return new string(trimmed);
        }

        // Slow path, for lines with space runs, tabs, no-break spaces, control characters or soft hyphens.
        Span<char> buffer = trimmed.Length <= 1024 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        var length = 0;
        var pendingSpace = false;
        foreach (var c in trimmed)
        {
            if (IsSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (char.IsControl(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = c == '\u00AD' ? '-' : c;
        }

        return new string(buffer[..length]);
    }

    /// <summary>True when the line has only single plain spaces and no control characters or soft hyphens.</summary>
    private static bool IsClean(ReadOnlySpan<char> line)
    {
        var previousSpace = false;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
                continue;
            }

            previousSpace = false;
            if (c < ' ' || c is '\u00A0' or '\u00AD' or '\u2007' or '\u202F' or '\u2009' or '\u200A' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private const string SpaceChars = " \t\u00A0\u2007\u202F\u2009\u200A\v";

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\u00A0' or '\u2007' or '\u202F' or '\u2009' or '\u200A' or '\v';
}
