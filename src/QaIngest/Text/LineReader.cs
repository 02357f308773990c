using System.Collections.Immutable;
using System.Text;

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
        var sb = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw)
        {
            if (IsSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (char.IsControl(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c == '\u00AD' ? '-' : c);
        }

        return sb.ToString();
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\u00A0' or '\u2007' or '\u202F' or '\u2009' or '\u200A' or '\v';
}
