using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using QaIngest.Text;

namespace QaIngest.Parse;

/// <summary>
/// Reads the question header (<c>SCHRIFTELIJKE VRAAG / nr. 264 / van … / datum: … / aan … / title</c>)
/// and the answer header (<c>ANTWOORD / op vraag nr. 693 van 8 juni 2022 / van …</c>), whether each
/// field stands on its own line or an extractor ran them together on one line.
/// </summary>
internal static partial class HeaderReader
{
    /// <summary>True when the line opens a question header.</summary>
    public static bool IsQuestionHeader(string line) => QuestionMarker().IsMatch(line);

    /// <summary>True when the line opens the answer (<c>ANTWOORD</c>, alone or followed by its fields).</summary>
    public static bool IsAnswerMarker(string line) =>
        line.Length >= 8 && line[0] is 'A' or 'G' && AnswerMarker().IsMatch(line); // cheap test first: it runs on every line

    /// <summary>True when the answer header is an <c>AANVULLEND ANTWOORD</c> (a supplementary answer).</summary>
    public static bool IsSupplementaryMarker(string line) => line.StartsWith("AANVULLEND", StringComparison.Ordinal) && IsAnswerMarker(line);

    /// <summary>Reads the header starting at <paramref name="start"/>; returns it and the index of the first line after it.</summary>
    public static (QuestionHeader Header, int Next) ReadQuestionHeader(ImmutableArray<SourceLine> lines, int start)
    {
        var parts = new List<string>();
        var i = start;
        var sawMinister = false;
        var sawTitle = false;
        for (; i < lines.Length; i++)
        {
            var text = lines[i].Text;
            if (i > start)
            {
                var isField = FieldStart().IsMatch(text);
                if (!isField && text.Length <= 2 && !sawMinister && text.Any(char.IsLetter))
                {
                    // A stray character on its own line between the fields ("i"): not the end of the header.
                    continue;
                }

                var upper = DisplayCase.IsUpper(text) || !text.Any(char.IsLetter);
                if (!isField && !upper && !ContinuesDate(parts))
                {
                    break;
                }

                // After "aan NAME" and its title, a blank line ends the header: an upper-case subject follows.
                if (sawTitle && lines[i].BlankLinesBefore > 0 && !isField)
                {
                    break;
                }

                if (LineShape.Item(text) is not null && !isField)
                {
                    break;
                }
            }

            parts.Add(text);
            sawMinister |= text.StartsWith("aan ", StringComparison.Ordinal) || text.Contains(" aan ", StringComparison.Ordinal);
            sawTitle |= sawMinister && MinisterTitleStart().IsMatch(text);
        }

        var joined = string.Join('\n', parts);
        joined = QuestionMarker().Replace(joined, string.Empty, 1).Trim();
        var number = NumberField().Match(joined);
        var asker = AskerField().Match(joined);
        var date = DateField().Match(joined);
        var (minister, title) = SplitMinister(MinisterField().Match(joined));
        if (minister is null)
        {
            // No "aan" line: the minister's name is the upper-case line right before their title.
            (minister, title) = MinisterWithoutAan(parts);
        }

        var header = new QuestionHeader(
            number.Success ? int.Parse(number.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            date.Success ? DutchDate.TryParse(date.Groups[1].Value) : null,
            asker.Success ? DisplayCase.Name(asker.Groups[1].Value) : null,
            minister,
            title);
        return (header, i);
    }

    /// <summary>Reads the answer header starting at the <c>ANTWOORD</c> line; returns it and the first line after it.</summary>
    public static (AnswerHeader Header, int Next) ReadAnswerHeader(ImmutableArray<SourceLine> lines, int start)
    {
        var parts = new List<string> { lines[start].Text };
        var i = start + 1;
        for (; i < lines.Length; i++)
        {
            var text = lines[i].Text;
            var isField = text.StartsWith("op vraag", StringComparison.OrdinalIgnoreCase) || text.StartsWith("van ", StringComparison.Ordinal);
            var upperName = DisplayCase.IsUpper(text) && LineShape.Item(text) is null && text.Split(' ').Length <= 6;
            if (!isField && !upperName && !ContinuesDate(parts))
            {
                break;
            }

            parts.Add(text);
        }

        var joined = string.Join('\n', parts);
        var m = AnswerFields().Match(joined);
        if (!m.Success)
        {
            return (new AnswerHeader(null, null, null), i);
        }

        var asker = m.Groups["asker"].Success ? DisplayCase.Name(m.Groups["asker"].Value.Replace('\n', ' ')) : null;
        return (new AnswerHeader(
            m.Groups["nr"].Success ? int.Parse(m.Groups["nr"].Value, CultureInfo.InvariantCulture) : null,
            m.Groups["date"].Success ? DutchDate.TryParse(m.Groups["date"].Value) : null,
            string.IsNullOrWhiteSpace(asker) ? null : asker), i);
    }

    /// <summary>
    /// The minister's name and title block that some extractions put right before <c>ANTWOORD</c>:
    /// upper-case lines, one of them naming a minister. Returns the index where the block starts.
    /// </summary>
    public static int MinisterBlockStart(ImmutableArray<SourceLine> lines, int marker, int floor)
    {
        var start = marker;
        var namesMinister = false;
        while (start - 1 >= floor && marker - start < 5 && DisplayCase.IsUpper(lines[start - 1].Text) && LineShape.Item(lines[start - 1].Text) is null)
        {
            start--;
            namesMinister |= lines[start].Text.Contains("MINISTER", StringComparison.Ordinal);
        }

        return namesMinister ? start : marker;
    }

    /// <summary>
    /// The minister named by an upper-case line (at most six words, not itself a title) that the
    /// minister's title follows: the header without <c>aan</c>, or the block above an answer.
    /// </summary>
    public static (string? Minister, string? Title) MinisterWithoutAan(IReadOnlyList<string> parts)
    {
        for (var j = 0; j + 1 < parts.Count; j++)
        {
            var name = parts[j];
            if (DisplayCase.IsUpper(name) && name.Split(' ').Length <= 6 && !MinisterTitleStart().IsMatch(name)
                && !FieldStart().IsMatch(name) && !QuestionMarker().IsMatch(name) && !IsAnswerMarker(name)
                && MinisterTitleStart().Match(parts[j + 1]) is { Success: true, Index: 0 })
            {
                var title = string.Join('\n', parts.Skip(j + 1).TakeWhile(p => DisplayCase.IsUpper(p) && !IsAnswerMarker(p)));
                return SplitMinister(MinisterField().Match("aan " + name + "\n" + title));
            }
        }

        return (null, null);
    }

    private static bool ContinuesDate(List<string> parts) =>
        parts.Count > 0 && DateTail().IsMatch(parts[^1]);

    private static (string? Minister, string? Title) SplitMinister(Match m)
    {
        if (!m.Success)
        {
            return (null, null);
        }

        var rest = m.Groups[1].Value.Trim();
        var titleStart = MinisterTitleStart().Match(rest);
        string name, title;
        if (titleStart.Success && titleStart.Index > 0)
        {
            name = rest[..titleStart.Index];
            title = rest[titleStart.Index..];
        }
        else
        {
            var newline = rest.IndexOf('\n');
            name = newline < 0 ? rest : rest[..newline];
            title = newline < 0 ? string.Empty : rest[(newline + 1)..];
        }

        name = DisplayCase.Name(name.Replace('\n', ' '));
        title = DisplayCase.MinisterTitle(title.Replace('\n', ' '));
        return (name.Length == 0 ? null : name, title.Length == 0 ? null : title);
    }

    [GeneratedRegex(@"^\s*SCHRIFTELIJKE\s+VRAAG\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionMarker();

    // "ANTWOORD", "GECOÖRDINEERD ANTWOORD" (also misspelt: GECOÖRDINEERD, GECOORDINEERD, GECOÖRDINEERDE …), "AANVULLEND ANTWOORD".
    [GeneratedRegex(@"^(?:GECO\S{0,3}RDINEERDE?\s+|GEZAMENLIJK\s+|AANVULLEND\s+)?ANTWOORD(?:\s+op\s+vraag\b.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnswerMarker();

    // "nr. (niet opgegeven)": a header whose number was not given still goes on.
    [GeneratedRegex(@"^(?:nr\.?\s*(?:\d|\()|van\s|datum\b|aan\s|\d{1,2}\s+[a-z]+\.?\s+\d{4}$)", RegexOptions.CultureInvariant)]
    private static partial Regex FieldStart();

    [GeneratedRegex(@"(?:^|\s)(?:datum:?|\d{1,2}|\d{1,2}\s+[a-z]+\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTail();

    [GeneratedRegex(@"\bnr\.?\s*(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberField();

    [GeneratedRegex(@"(?:^|\s)van\s+(.+?)(?=\s+datum\b|\n|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AskerField();

    [GeneratedRegex(@"datum:?\s*(" + DutchDate.WrittenPattern + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateField();

    [GeneratedRegex(@"(?:^|\s)aan\s+([\s\S]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MinisterField();

    [GeneratedRegex(@"\b(?:VLAAMSE?\s+MINISTER|VICEMINISTER-PRESIDENT|MINISTER-PRESIDENT|VLAAMSE\s+REGERING|MINISTER\s+VAN)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MinisterTitleStart();

    [GeneratedRegex(@"op\s+vraag\s+nr\.?\s*(?<nr>\d+)(?:\s+van\s+(?<date>" + DutchDate.WrittenPattern + @"))?(?:\s+van\s+(?<asker>[^\n]+(?:\n[^\n]+)*))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerFields();
}
