using System.Text.RegularExpressions;

namespace QaIngest.Parse;

/// <summary>
/// Recognises the few line shapes the parser cares about: a numbered item (<c>1.</c>,
/// <c>10.VDAB</c>), a lettered part (<c>a)</c>), a bullet (<c>- </c>), an upper-case line.
/// </summary>
internal static partial class LineShape
{
    /// <summary>A numbered item start: its number and the rest of the line (possibly empty).</summary>
    public static (int Number, string Remainder)? Item(string line)
    {
        if (line.Length < 2 || !char.IsAsciiDigit(line[0]))
        {
            return null;
        }

        var m = ItemPattern().Match(line);
        return m.Success ? (int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["rest"].Value) : null;
    }

    /// <summary>A lettered part start: its label and the rest of the line (possibly empty).</summary>
    public static (string Label, string Remainder)? Part(string line)
    {
        if (line.Length < 2 || line[1] != ')')
        {
            return null;
        }

        var m = PartPattern().Match(line);
        return m.Success ? (m.Groups["l"].Value, m.Groups["rest"].Value) : null;
    }

    public static bool IsBullet(string line) =>
        line.Length > 1 && line[0] is '-' or '–' or '•' or '▪' or '·' or '*' or '●' or '◦' && BulletPattern().IsMatch(line);

    /// <summary>A line that starts lower case: after a blank line it continues the paragraph a page break cut.</summary>
    public static bool StartsLowerCase(string line) =>
        line.Length > 0 && char.IsLower(line[0]) && Part(line) is null;

    /// <summary>True when a line ends the way a sentence or a list lead-in ends.</summary>
    public static bool EndsSentence(string line) =>
        line.Length > 0 && line[^1] is '.' or '?' or '!' or ':' or ';' or '”' or '"' or '’';

    [GeneratedRegex(@"^(?<n>\d{1,2})\.(?:\s+(?<rest>.*)|(?<rest>[A-ZÀ-ÖØ-Þ‘“""(].*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemPattern();

    [GeneratedRegex(@"^(?<l>[a-z])\)(?:\s+(?<rest>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();

    [GeneratedRegex(@"^(?:[-–•▪·*●◦]\s+\S|[•▪●◦]\S)", RegexOptions.CultureInvariant)]
    private static partial Regex BulletPattern();
}
