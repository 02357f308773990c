using System.Text;

namespace QaIngest.Search;

/// <summary>
/// Builds a snippet around the first match and marks every match «thus», from the analyzer's own
/// token offsets, so that stemmed, folded and compound matches are marked too. Pure.
/// </summary>
public static class Highlighter
{
    public static string Snippet(string text, IReadOnlySet<string> terms, IReadOnlyList<string> prefixes, int maxLength = 240)
    {
        var matches = DutchAnalyzer.Analyze(text)
            .Where(t => terms.Contains(t.Term) || prefixes.Any(p => t.Term.StartsWith(p, StringComparison.Ordinal)))
            .Select(t => (t.Start, End: t.Start + t.Length))
            .Distinct()
            .OrderBy(m => m.Start)
            .ToList();

        var from = 0;
        if (matches.Count > 0 && text.Length > maxLength)
        {
            from = Math.Max(0, matches[0].Start - (maxLength / 4));
            while (from > 0 && !char.IsWhiteSpace(text[from - 1]))
            {
                from--;
            }
        }

        var to = Math.Min(text.Length, from + maxLength);
        while (to < text.Length && to > from && !char.IsWhiteSpace(text[to - 1]))
        {
            to--;
        }

        if (to <= from)
        {
            to = Math.Min(text.Length, from + maxLength);
        }

        var sb = new StringBuilder();
        if (from > 0)
        {
            sb.Append('…');
        }

        var cursor = from;
        foreach (var (start, end) in matches.Where(m => m.Start >= from && m.End <= to))
        {
            if (start < cursor)
            {
                continue;
            }

            sb.Append(text, cursor, start - cursor).Append('«').Append(text, start, end - start).Append('»');
            cursor = end;
        }

        sb.Append(text, cursor, to - cursor);
        if (to < text.Length)
        {
            sb.Append('…');
        }

        return sb.ToString().Replace('\n', ' ');
    }
}
