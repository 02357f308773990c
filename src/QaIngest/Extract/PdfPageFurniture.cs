using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace QaIngest.Extract;

/// <summary>
/// Finds the lines that belong to the page, not the text: page numbers ("3", "Pagina 3 van 8",
/// "- 3 -", "3/8") at the top or bottom edge, and running headers and footers (the same text, digits
/// aside, at the same height near the edge of most pages). Pure and thread-safe.
/// </summary>
public static partial class PdfPageFurniture
{
    // Edge zones as a share of the page height; body text of an A4 Word document starts ~8.4% down.
    private const double NumberZone = 0.10;
    private const double RunningZone = 0.15;

    /// <summary>Returns, per page, the indexes of the lines to drop.</summary>
    public static ImmutableArray<ImmutableHashSet<int>> Find(ImmutableArray<PdfPage> pages)
    {
        var drop = pages.Select(_ => new HashSet<int>()).ToArray();
        for (var p = 0; p < pages.Length; p++)
        {
            var lines = pages[p].Lines;
            if (lines.Length == 0)
            {
                continue;
            }

            foreach (var i in new[] { 0, lines.Length - 1 }.Distinct())
            {
                if (InZone(pages[p], lines[i], NumberZone) && PageNumber().IsMatch(lines[i].Text))
                {
                    drop[p].Add(i);
                }
            }
        }

        if (pages.Length >= 2)
        {
            DropRunningLines(pages, drop);
        }

        return [.. drop.Select(d => d.ToImmutableHashSet())];
    }

    private static void DropRunningLines(ImmutableArray<PdfPage> pages, HashSet<int>[] drop)
    {
        // Key: the text with digits masked (page numbers inside footers vary) and the height in 4pt steps.
        var seen = new Dictionary<(string Text, int Y), List<(int Page, int Line)>>();
        for (var p = 0; p < pages.Length; p++)
        {
            var lines = pages[p].Lines;
            for (var i = 0; i < lines.Length; i++)
            {
                if (!InZone(pages[p], lines[i], RunningZone))
                {
                    continue;
                }

                var key = (Digits().Replace(lines[i].Text, "#"), (int)Math.Round(lines[i].YMin / 4));
                if (!seen.TryGetValue(key, out var where))
                {
                    seen[key] = where = [];
                }

                where.Add((p, i));
            }
        }

        var needed = Math.Max(2, (int)Math.Ceiling(pages.Length * 0.5));
        foreach (var where in seen.Values)
        {
            if (where.Select(w => w.Page).Distinct().Count() >= needed)
            {
                foreach (var (page, line) in where)
                {
                    drop[page].Add(line);
                }
            }
        }
    }

    private static bool InZone(PdfPage page, PdfLine line, double share) =>
        page.Height > 0 && (line.YMax < page.Height * share || line.YMin > page.Height * (1 - share));

    [GeneratedRegex(@"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:/|van|of)\s*\d{1,4})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
