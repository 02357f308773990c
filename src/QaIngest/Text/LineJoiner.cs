using System.Text;
using System.Text.RegularExpressions;

namespace QaIngest.Text;

/// <summary>
/// Unwraps hard-wrapped lines into one paragraph. A line-final <c>-</c> is a real Dutch hyphen and
/// is kept, joined without a space (<c>re-</c> + <c>integratiesector</c>); a URL cut at the line end
/// is re-joined with its continuation (<c>…/versla</c> + <c>g/1407334</c>); other lines are joined
/// with one space. Pure and thread-safe.
/// </summary>
public static partial class LineJoiner
{
    /// <summary>Joins the lines of one paragraph.</summary>
    public static string Join(IEnumerable<string> lines) =>
        Join(lines.Select(l => new SourceLine(0, LineReader.Collapse(l), false, false, 0)));

    /// <summary>Joins the lines of one paragraph, using their trailing-space hints for URLs.</summary>
    public static string Join(IEnumerable<SourceLine> lines)
    {
        var sb = new StringBuilder();
        SourceLine? previous = null;
        foreach (var line in lines)
        {
            if (line.Text.Length == 0)
            {
                continue;
            }

            if (previous is not null && NeedsSpace(previous, sb, line.Text))
            {
                sb.Append(' ');
            }

            sb.Append(line.Text);
            previous = line;
        }

        return sb.ToString();
    }

    /// <summary>True when the text joined so far and the next line should be separated by a space.</summary>
    private static bool NeedsSpace(SourceLine previous, StringBuilder soFar, string next)
    {
        var last = soFar[^1];
        // A dash alone on its line is a separator ("VDAB" + "-" + "Bereik"), not a hyphen.
        if (last == '-' && previous.Text != "-" && !next.StartsWith("- ", StringComparison.Ordinal) && next != "-")
        {
            // "re-" + "integratiesector", "en -" + "schade": the hyphen is part of the word.
            return false;
        }

        return !ContinuesUrl(previous, soFar, next);
    }

    private static bool ContinuesUrl(SourceLine previous, StringBuilder soFar, string next)
    {
        var tailStart = soFar.Length - 1;
        while (tailStart > 0 && soFar[tailStart - 1] != ' ')
        {
            tailStart--;
        }

        // Cheap test first: most line ends are not URLs.
        var first = soFar[tailStart] == '(' && tailStart + 1 < soFar.Length ? soFar[tailStart + 1] : soFar[tailStart];
        if (first is not ('h' or 'H' or 'w' or 'W'))
        {
            return false;
        }

        var tail = soFar.ToString(tailStart, soFar.Length - tailStart);
        var url = UrlStart().Match(tail);
        if (!url.Success || url.Index + url.Length != tail.Length)
        {
            return false;
        }

        if (previous.TrailingSpace && !EndsMidUrl(tail))
        {
            return false;
        }

        var firstToken = next.Split(' ', 2)[0].TrimEnd('.', ',', ';', ':', ')', ']', '"', '\'', '’', '”');
        if (firstToken.Length == 0 || !UrlContinuation().IsMatch(firstToken) || UrlStart().IsMatch(firstToken))
        {
            return false;
        }

        return EndsMidUrl(tail) || firstToken.IndexOfAny(['/', '?', '=', '&', '#', '%', '_']) >= 0;
    }

    // A final '.' is left out: after a URL it usually ends the sentence.
    private static bool EndsMidUrl(string tail) => tail[^1] is '/' or '=' or '?' or '&' or '_' or '#' or '%';

    [GeneratedRegex(@"\(?(?:https?://|www\.)\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlStart();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlContinuation();
}
