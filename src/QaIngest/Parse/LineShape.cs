using System.Text.RegularExpressions;

namespace QaIngest.Parse;

/// <summary>
/// Recognises the few line shapes the parser cares about: a numbered item (<c>1.</c>,
/// <c>10.VDAB</c>), a lettered part (<c>a)</c>), a bullet (<c>- </c>), an upper-case line.
/// </summary>
internal static partial class LineShape
{
    /// <summary>
    /// A numbered item start: its number, the rest of the line (possibly empty) and every number the
    /// label names: <c>1.</c> covers 1, <c>1-3.</c> 1, 2 and 3, <c>1 en 2.</c>, <c>8, 9.</c> and
    /// <c>1+3-4.</c> what they list; <c>Vraag 7 en 8 samen</c> and <c>Antwoord op vraag 2</c> on a line
    /// of their own too. A zero-padded number (<c>01.</c>, a table row) is not an item.
    /// </summary>
    public static ItemLabel? Item(string line)
    {
        if (line.Length < 2)
        {
            return null;
        }

        if (!char.IsAsciiDigit(line[0]))
        {
            // Cheap test first: most lines that start with V or A are prose ("Voor", "Aan").
            return (line.StartsWith("Vra", StringComparison.Ordinal) || line.StartsWith("Antwoord op ", StringComparison.Ordinal))
                   && WordLabelPattern().Match(line) is { Success: true } w
                ? Label(w.Groups["n"].Value + w.Groups["more"].Value, w.Groups["rest"].Value)
                : null;
        }

        if (line[0] == '0')
        {
            return null;
        }

        // The common shapes ("4. Hoeveel", "4.Hoeveel", "4.") without the regex: it runs on every numbered line.
        var dot = char.IsAsciiDigit(line[1]) ? 2 : 1;
        if (dot < line.Length && line[dot] == '.')
        {
            var number = dot == 1 ? line[0] - '0' : ((line[0] - '0') * 10) + (line[1] - '0');
            var next = dot + 1;
            if (next == line.Length)
            {
                return new ItemLabel(number, string.Empty, Single[number]);
            }

            var text = line[next] == ' ' ? next + 1 : next;
            if (text < line.Length && (char.IsUpper(line[text]) || line[text] is '‘' or '“' or '"' or '('))
            {
                return new ItemLabel(number, line[text..], Single[number]);
            }
        }

        // Only a period or a connector can follow a label's number: table rows ("2019 € …", "12 34") end here.
        var follows = dot < line.Length ? line[dot] : '\0';
        if (follows == ' ')
        {
            follows = dot + 1 < line.Length ? line[dot + 1] : '\0';
            if (follows is not ('e' or 't' or '-' or '–' or '+' or '&' or '.'))
            {
                return null;
            }
        }
        else if (follows is not ('.' or '-' or '–' or '+' or '&' or ','))
        {
            return null;
        }

        var m = ItemPattern().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var loose = m.Groups["loose"];
        return loose.Success
            ? Label(m.Groups["n"].Value + m.Groups["more"].Value, loose.Value) is { } label ? label with { Loose = true } : null
            : Label(m.Groups["n"].Value + m.Groups["more"].Value, m.Groups["rest"].Value);
    }

    // The covers of the plain labels 0..99, shared: a plain label is read on every numbered line.
    private static readonly System.Collections.Immutable.ImmutableArray<int>[] Single =
        [.. Enumerable.Range(0, 100).Select(n => System.Collections.Immutable.ImmutableArray.Create(n))];

    /// <summary>The numbers a label lists: single numbers joined by "en", ",", "+", "&amp;", and ranges with "-", "–" or "tot".</summary>
    private static ItemLabel? Label(string label, string rest)
    {
        if (label.Length == 1 || (label.Length == 2 && char.IsAsciiDigit(label[1])))
        {
            // A plain label ("4"): the hot path, on every numbered line of every document.
            var number = label.Length == 1 ? label[0] - '0' : ((label[0] - '0') * 10) + (label[1] - '0');
            return number == 0 ? null : new ItemLabel(number, rest, Single[number]);
        }

        var covers = new List<int>();
        var range = false;
        foreach (Match token in LabelToken().Matches(label))
        {
            if (token.Groups["n"].Success)
            {
                var n = int.Parse(token.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (range && covers.Count > 0 && n > covers[^1] && n - covers[^1] <= 20)
                {
                    for (var k = covers[^1] + 1; k <= n; k++)
                    {
                        covers.Add(k);
                    }
                }
                else if (covers.Count == 0 || n > covers[^1])
                {
                    covers.Add(n);
                }
                else
                {
                    // "3-1." or "2 en 2.": not a label a person writes.
                    return null;
                }

                range = false;
            }
            else
            {
                range = token.Value.Trim() is "-" or "–" or "tot" || token.Value.StartsWith("t", StringComparison.Ordinal);
            }
        }

        return covers.Count == 0 || covers[0] == 0 ? null : new ItemLabel(covers[0], rest, [.. covers]);
    }

    /// <summary>A lettered part start: its label and the rest of the line (possibly empty).</summary>
    public static (string Label, string Remainder)? Part(string line)
    {
        if (line.Length < 2 || !(line[1] == ')' || (line[1] == '.' && line[0] is >= 'a' and <= 'h')))
        {
            return null;
        }

        var m = line[1] == ')' ? PartPattern().Match(line) : DottedPartPattern().Match(line);
        return m.Success ? (m.Groups["l"].Value, m.Groups["rest"].Value) : null;
    }

    /// <summary>True when the text opens with a part label, also a combined one: <c>a)</c>, <c>a.</c>, <c>a-b.</c>, <c>a+c-e)</c>.</summary>
    public static bool IsPartLabel(string text) => PartLabelStart().IsMatch(text);

    public static bool IsBullet(string line) =>
        line.Length > 1 && line[0] is '-' or '–' or '•' or '▪' or '·' or '*' or '●' or '◦' && BulletPattern().IsMatch(line);

    /// <summary>A line that starts lower case: after a blank line it continues the paragraph a page break cut.</summary>
    public static bool StartsLowerCase(string line) =>
        line.Length > 0 && char.IsLower(line[0]) && Part(line) is null;

    /// <summary>True when a line ends the way a sentence or a list lead-in ends.</summary>
    public static bool EndsSentence(string line) =>
        line.Length > 0 && line[^1] is '.' or '?' or '!' or ':' or ';' or '”' or '"' or '’';

    // "1.", "10.VDAB", "2.a)De", "1.a-b.In", "1-3.", "1 en 2.", "8, 9.", "1+3-4.", "2.en 3.", "2.tot en met 5": the
    // rest starts after a space, or glued when it starts upper case, with a quote or bracket, or with a
    // part label. A rest glued in any other way ("2.42 aanvragen", "1.publiq") is "loose": see ItemLabel.
    [GeneratedRegex(@"^(?<n>\d{1,2})(?:(?<p>\.)(?=\s?(?:en|tot(?:\s+en\s+met)?|t\.e\.m\.?|[-–+&])\s?\d))?(?<more>(?:\s?(?:-|–|\+|&)\s?\d{1,2}|\+\s?\(\d{1,2}\)|,\s\d{1,2}|\s?(?:en|tot\s+en\s+met|tot|t\.e\.m\.?)\s\d{1,2})*)(?(p)\s?\.?|\s?\.)(?:\s+(?<rest>.*)|(?<rest>(?:[A-ZÀ-ÖØ-Þ‘“""(]|[a-z](?:\s?[-+,&]\s?[a-z])*[.)]|[a-z]\s?[+,&]\s?[a-z]\b|[a-z]\s(?:en|tot)\s[a-z]\b).*)|(?<loose>[0-9a-z%*–-].*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemPattern();

    // "Vraag 7 en 8 samen", "Antwoord op vraag 2", "Vragen 1 tot 3:" alone on a line (a colon may lead into the rest).
    [GeneratedRegex(@"^(?:Antwoord\s+op\s+[Vv]ra(?:ag|gen)|Vra(?:ag|gen))\s+(?<n>\d{1,2})(?<more>(?:\s?(?:-|–|\+|&)\s?\d{1,2}|,\s?\d{1,2}|\s(?:en|tot)\s\d{1,2})*)(?:\s+samen)?\s*(?:[:.]\s*(?<rest>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex WordLabelPattern();

    [GeneratedRegex(@"(?<n>\d+)|tot\s+en\s+met|t\.e\.m\.?|-|–|\+|&|,|\ben\b|\btot\b", RegexOptions.CultureInvariant)]
    private static partial Regex LabelToken();

    // "a) Tot", and glued "a)Tot" when the text starts upper case, with a digit, a quote or a bracket.
    [GeneratedRegex(@"^(?<l>[a-z])\)(?:\s+(?<rest>.*)|(?<rest>[A-ZÀ-ÖØ-Þ0-9‘“""(€].*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();

    // "a. In totaal …": a letter and a period as a label, only before a capitalised text (not "e.g." or "i.e.").
    [GeneratedRegex(@"^(?<l>[a-h])\.(?:\s*(?<rest>[A-ZÀ-ÖØ-Þ].*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedPartPattern();

    [GeneratedRegex(@"^[a-z](?:\s?[-+,&]\s?[a-z])*[.)]", RegexOptions.CultureInvariant)]
    private static partial Regex PartLabelStart();

    [GeneratedRegex(@"^(?:[-–•▪·*●◦]\s+\S|[•▪●◦]\S)", RegexOptions.CultureInvariant)]
    private static partial Regex BulletPattern();
}
