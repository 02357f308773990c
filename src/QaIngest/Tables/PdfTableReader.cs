using System.Collections.Immutable;
using System.Text.RegularExpressions;
using QaIngest.Extract;
using QaIngest.Text;

namespace QaIngest.Tables;

/// <summary>
/// Finds the tables of a PDF in its word boxes (the <see cref="PdfPage"/>s PdfPig or poppler laid out):
/// a table is a run of lines whose amounts stand apart from the rest of the line in aligned columns.
/// Columns come from the gaps no body word covers (gap projection); a narrow gap counts only where the
/// header names both sides of it. Header lines above the first row are merged per column into one header
/// row (a header that wraps in its cell) unless a header cell stands over several columns (a merged
/// cell: a header level of its own), a "Tabel N: …" line above them is the caption, a line without
/// an amount between rows carries on the row above (a wrapped label) when it sits closer than the row
/// pitch, and a table that ends a page goes on at the top of the next one (its header repeated or not).
/// Ruling lines are not needed: tables are found without them. Where the page has them (PdfPig reports them
/// as <see cref="PdfPage.Rules"/>), a vertical rule crossing the body rows in a gap between words
/// separates columns however narrow the gap, and in a table with horizontal rules between its rows a line
/// without an amount carries on the row above exactly when no rule separates them (a label wrapping in
/// its ruled cell). Pure and thread-safe.
/// </summary>
public static partial class PdfTableReader
{
    // Shares of the line height (about 1.2 font sizes with PdfPig's loose boxes).
    private const double CellGap = 0.9;      // a wider gap separates cells in any line
    private const double HeaderGap = 0.6;    // words of one header cell stand closer than this
    private const double LineGap = 2.2;      // header lines and rows are no further apart (baseline to baseline)
    private const int MaxHeaderLines = 6;
    private const int MaxLinesBetweenRows = 3;

    /// <summary>The tables in <paramref name="pages"/>, top to bottom; empty when none.</summary>
    public static ImmutableArray<Table> Read(ImmutableArray<PdfPage> pages)
    {
        if (pages.IsDefaultOrEmpty)
        {
            return [];
        }

        var lines = Flatten(pages);
        var rules = pages.Select(p => p.Rules.IsDefault ? [] : p.Rules).ToArray();
        var right = lines.Count == 0 ? 0 : lines.Max(l => l.Line.XMax);
        var left = lines.Count == 0 ? 0 : lines.Min(l => l.Line.XMin);
        var rows = lines.Select(IsRow).ToArray();
        var tables = ImmutableArray.CreateBuilder<Table>();
        var i = 0;
        while (i < lines.Count)
        {
            if (!rows[i])
            {
                i++;
                continue;
            }

            var (caption, header) = Above(lines, rows, i, left, right);
            var (body, end) = Below(lines, rows, i, header);
            if (Build(lines, rows, body, header, caption, rules) is { } table)
            {
                tables.Add(table);
                i = end;
            }
            else
            {
                i++;
            }
        }

        return tables.ToImmutable();
    }

    /// <summary>One line of the document with its page and whether it is the first or last text of that page.</summary>
    private sealed record Placed(int Page, PdfLine Line, double Em)
    {
        public bool FirstOnPage { get; init; }
        public bool LastOnPage { get; init; }
        public double Baseline => Line.YMax;
    }

    private static List<Placed> Flatten(ImmutableArray<PdfPage> pages)
    {
        var furniture = PdfPageFurniture.Find(pages);
        var lines = new List<Placed>();
        for (var p = 0; p < pages.Length; p++)
        {
            var kept = pages[p].Lines.Where((_, i) => !furniture[p].Contains(i)).ToList();
            for (var i = 0; i < kept.Count; i++)
            {
                lines.Add(new Placed(p, kept[i], Median(kept[i].Words.Select(w => w.Height)))
                {
                    FirstOnPage = i == 0,
                    LastOnPage = i == kept.Count - 1,
                });
            }
        }

        return lines;
    }

    /// <summary>A table row: an amount that stands apart (a cell gap before it) after some first cell.</summary>
    private static bool IsRow(Placed line)
    {
        var segments = Segments(line.Line.Words, CellGap * line.Em);
        return segments.Count >= 2 && segments.Skip(1).Any(s => CellReader.IsAmount(Text(s)));
    }

    /// <summary>The caption and the header lines above the first row <paramref name="first"/>, top to bottom.</summary>
    private static (string? Caption, List<int> Header) Above(List<Placed> lines, bool[] rows, int first, double left, double right)
    {
        var above = new List<int>();
        var prose = new HashSet<int>();
        var below = lines[first];
        int? caption = null;
        for (var j = first - 1; j >= 0 && above.Count < MaxHeaderLines + 3; j--)
        {
            var line = lines[j];
            if (line.Page != below.Page || rows[j] || below.Baseline - line.Baseline > LineGap * line.Em)
            {
                break;
            }

            if (CaptionStart().IsMatch(line.Line.Text))
            {
                caption = j;
                break;
            }

            // A line of running text (a long stretch of words from the left margin) is no header; it may
            // be the end of a caption that wraps, so the search for the caption goes on above it.
            var widest = Segments(line.Line.Words, CellGap * line.Em).Max(s => s[^1].XMax - s[0].XMin);
            if (line.Line.XMin <= left + line.Em && widest > 0.55 * (right - left))
            {
                prose.Add(j);
            }

            above.Add(j);
            below = line;
        }

        above.Reverse();

        // Without a caption, the header is the lines below the lowest line of running text.
        var lowestProse = above.LastOrDefault(prose.Contains, -1);
        var header = lowestProse < 0 ? above : above.SkipWhile(j => j <= lowestProse).ToList();
        if (caption is not { } at)
        {
            return (null, header.Count <= MaxHeaderLines ? header : header[^MaxHeaderLines..]);
        }

        // A long caption wraps: a line that starts where it starts and whose first word would not have fit
        // at the end of the line before goes on with it.
        var text = lines[at].Line.Text;
        var previous = lines[at].Line;
        var taken = 0;
        foreach (var j in above)
        {
            var line = lines[j].Line;
            if (previous.XMax + lines[j].Em / 2 + line.Words[0].Width < right || Math.Abs(line.XMin - lines[at].Line.XMin) > lines[j].Em / 2)
            {
                break;
            }

            text += " " + line.Text;
            previous = line;
            taken++;
        }

        // Running text between the caption and the table: the caption is not this table's.
        if (above.Skip(taken).Any(prose.Contains))
        {
            return (null, header.Count <= MaxHeaderLines ? header : header[^MaxHeaderLines..]);
        }

        return (LineReader.Collapse(text), above.Skip(taken).ToList());
    }

    /// <summary>
    /// The body lines from the first row down (rows and the lines between them), and the index after the
    /// table. Over a page break the table goes on when it ends its page and the next page starts with its
    /// rows, after its header repeated or not.
    /// </summary>
    private static (List<int> Body, int End) Below(List<Placed> lines, bool[] rows, int first, List<int> header)
    {
        var body = new List<int> { first };
        var last = first;
        var j = first + 1;
        var headerTexts = header.Select(h => lines[h].Line.Text).ToList();
        while (j < lines.Count)
        {
            var line = lines[j];
            if (line.Page != lines[last].Page)
            {
                if (!lines[last].LastOnPage || !line.FirstOnPage)
                {
                    break;
                }

                var k = 0;
                while (k < headerTexts.Count && j + k < lines.Count && lines[j + k].Page == line.Page && lines[j + k].Line.Text == headerTexts[k])
                {
                    k++;
                }

                if (j + k < lines.Count && rows[j + k] && lines[j + k].Page == line.Page)
                {
                    body.Add(j + k);
                    last = j + k;
                    j += k + 1;
                    continue;
                }

                break;
            }

            if (line.Baseline - lines[last].Baseline > LineGap * line.Em)
            {
                break;
            }

            if (rows[j])
            {
                body.Add(j);
                last = j;
                j++;
                continue;
            }

            // Lines without an amount belong to the table when a row follows them closely (a wrapped
            // label, a row of text); after the last row, only a line closer than the rows are (the last label wraps).
            var run = 0;
            while (j + run < lines.Count && !rows[j + run] && run < MaxLinesBetweenRows && lines[j + run].Page == line.Page
                   && lines[j + run].Baseline - lines[j + run - 1].Baseline <= LineGap * line.Em && !CaptionStart().IsMatch(lines[j + run].Line.Text))
            {
                run++;
            }

            if (j + run < lines.Count && rows[j + run] && lines[j + run].Page == line.Page
                && lines[j + run].Baseline - lines[j + run - 1].Baseline <= LineGap * line.Em)
            {
                body.AddRange(Enumerable.Range(j, run + 1));
                last = j + run;
                j += run + 1;
                continue;
            }

            var pitch = Pitch(lines, rows, body);
            if (pitch is { } p && line.Baseline - lines[last].Baseline < 0.85 * p && !CaptionStart().IsMatch(line.Line.Text))
            {
                body.Add(j);
                last = j;
                j++;
                continue;
            }

            break;
        }

        return (body, last + 1);
    }

    /// <summary>The usual distance between two rows' baselines (rows next to each other on one page); null when there are none.</summary>
    private static double? Pitch(List<Placed> lines, bool[] rows, List<int> body)
    {
        var distances = body.Zip(body.Skip(1))
            .Where(p => p.Second == p.First + 1 && lines[p.First].Page == lines[p.Second].Page && rows[p.First] && rows[p.Second])
            .Select(p => lines[p.Second].Baseline - lines[p.First].Baseline)
            .ToList();
        return distances.Count == 0 ? null : Median(distances);
    }

    private static Table? Build(List<Placed> lines, bool[] rows, List<int> body, List<int> header, string? caption, ImmutableArray<PdfRule>[] rules)
    {
        if (body.Count(b => rows[b]) < 2)
        {
            return null;
        }

        var em = Median(body.Select(b => lines[b].Em));
        var headerSegments = header.SelectMany(h => HeaderCells(lines[h], rules)).ToList();
        var crossing = body.Where(b => rows[b]).Select(b => VerticalRules(lines[b], rules)).ToList();
        var bounds = Columns(body.SelectMany(b => lines[b].Line.Words).ToList(), headerSegments, em, crossing);
        var ruledRows = RuledRows(lines, rows, body, rules);
        var width = bounds.Count + 1;

        // Rows: each row line starts one; a line without an amount carries on the row above when it sits
        // closer to it than the rows sit to each other, and starts a row of its own otherwise.
        var pitch = Pitch(lines, rows, body) ?? LineGap * em;
        var grid = new List<IReadOnlyList<GridCell>>();
        var headerRow = new List<string>[width];
        for (var c = 0; c < width; c++)
        {
            headerRow[c] = [];
        }

        // A header line with a cell over several columns (a merged "2023" over "Bedrag" and "Aantal") is
        // a header level of its own; the other header lines are one cell's wrapped lines, merged per column.
        var levels = new List<GridCell[]>();
        for (var i = 0; i < header.Count; i++)
        {
            var h = header[i];
            var segments = HeaderCells(lines[h], rules);
            var lower = header.Skip(i + 1).SelectMany(l => HeaderCells(lines[l], rules)).Select(Middle).ToList();
            var covered = segments.Select(segment => Covered(segment, lower, bounds)).ToList();
            if (covered.All(c => c.Count < 2))
            {
                foreach (var segment in segments)
                {
                    headerRow[Column(bounds, (segment[0].XMin + segment[^1].XMax) / 2)].Add(Text(segment));
                }

                continue;
            }

            var level = Enumerable.Repeat(GridCell.Empty, width).ToArray();
            for (var k = 0; k < segments.Count; k++)
            {
                var columns = covered[k].Count >= 2 ? covered[k] : [Column(bounds, (segments[k][0].XMin + segments[k][^1].XMax) / 2)];
                for (var n = 0; n < columns.Count; n++)
                {
                    level[columns[n]] = new GridCell(LineReader.Collapse($"{level[columns[n]].Text} {Text(segments[k])}"), Spanned: n > 0);
                }
            }

            levels.Add(level);
        }

        List<string>[]? current = null;
        var previous = -1;
        var bodyRows = new List<List<string>[]>();
        foreach (var b in body)
        {
            var line = lines[b];
            var carriesOn = current is not null && !rows[b] && lines[previous].Page == line.Page
                && (ruledRows ? !RuleBetween(lines[previous], line, rules) : line.Baseline - lines[previous].Baseline < 0.85 * pitch);
            if (!carriesOn)
            {
                current = new List<string>[width];
                for (var c = 0; c < width; c++)
                {
                    current[c] = [];
                }

                bodyRows.Add(current);
            }

            foreach (var segment in Segments(line.Line.Words, HeaderGap * line.Em))
            {
                // A cell's words may stand apart from each other; each goes to the column its middle is in.
                foreach (var word in segment)
                {
                    current![Column(bounds, (word.XMin + word.XMax) / 2)].Add(word.Text);
                }
            }

            previous = b;
        }

        // Enough columns to be a table: some column besides the first holds amounts in two rows.
        var amounts = Enumerable.Range(1, width - 1).Any(c => bodyRows.Count(r => CellReader.IsAmount(string.Join(' ', r[c]))) >= 2);
        if (!amounts)
        {
            return null;
        }

        grid.AddRange(levels);
        var wrapped = headerRow.Any(h => h.Count > 0);
        if (wrapped)
        {
            grid.Add([.. headerRow.Select(h => new GridCell(string.Join(' ', h)))]);
        }

        grid.AddRange(bodyRows.Select(r => (IReadOnlyList<GridCell>)[.. r.Select(c => new GridCell(string.Join(' ', c)))]));

        // Leading text columns (a number, a name, who leads it) label the rows together; the builder
        // judges a single one itself (a numbering column, years).
        var labels = 0;
        while (labels < width - 1 && bodyRows.All(r => !CellReader.IsAmount(string.Join(' ', r[labels]))) && bodyRows.Any(r => r[labels].Count > 0))
        {
            labels++;
        }

        var headerRows = levels.Count + (wrapped ? 1 : 0);
        return TableBuilder.Build(grid, caption, headerRows > 0 ? headerRows : null, labels >= 2 ? labels : null);
    }

    /// <summary>
    /// The cells of a header line: runs of words closer than a header gap, also split where a vertical rule
    /// crosses the line between two words (two ruled cells whose texts nearly touch). A cell merged over
    /// several columns has no rule inside it, so it stays whole.
    /// </summary>
    private static List<List<PdfWord>> HeaderCells(Placed line, ImmutableArray<PdfRule>[] rules)
    {
        var segments = Segments(line.Line.Words, HeaderGap * line.Em);
        var borders = VerticalRules(line, rules);
        if (borders.Count == 0)
        {
            return segments;
        }

        var cells = new List<List<PdfWord>>();
        foreach (var segment in segments)
        {
            cells.Add([segment[0]]);
            for (var k = 1; k < segment.Count; k++)
            {
                var (from, to) = (segment[k - 1].XMax, segment[k].XMin);
                if (borders.Any(x => x > from && x < to))
                {
                    cells.Add([]);
                }

                cells[^1].Add(segment[k]);
            }
        }

        return cells;
    }

    /// <summary>The x of the vertical rules that cross the middle of <paramref name="line"/> (a column border beside it).</summary>
    private static List<double> VerticalRules(Placed line, ImmutableArray<PdfRule>[] rules)
    {
        var y = (line.Line.YMin + line.Line.YMax) / 2;
        return [.. rules[line.Page].Where(r => r.Vertical && r.From <= y && r.To >= y).Select(r => r.At)];
    }

    /// <summary>
    /// Whether a horizontal rule lies between two lines of a page (between their middles: loose word boxes
    /// of tightly set lines overlap), under the words of the lower one.
    /// </summary>
    private static bool RuleBetween(Placed above, Placed below, ImmutableArray<PdfRule>[] rules)
    {
        var (top, bottom) = ((above.Line.YMin + above.Line.YMax) / 2, (below.Line.YMin + below.Line.YMax) / 2);
        return rules[below.Page].Any(r => !r.Vertical && r.At > top && r.At < bottom && r.From < below.Line.XMax && r.To > below.Line.XMin);
    }

    /// <summary>Whether the table's rows are ruled: a horizontal rule separates most pairs of row lines that follow each other on a page.</summary>
    private static bool RuledRows(List<Placed> lines, bool[] rows, List<int> body, ImmutableArray<PdfRule>[] rules)
    {
        var rowLines = body.Where(b => rows[b]).ToList();
        var pairs = rowLines.Zip(rowLines.Skip(1)).Where(p => lines[p.First].Page == lines[p.Second].Page).ToList();
        return pairs.Count > 0 && pairs.Count(p => RuleBetween(lines[p.First], lines[p.Second], rules)) * 10 >= pairs.Count * 9;
    }

    private static double Middle(List<PdfWord> segment) => (segment[0].XMin + segment[^1].XMax) / 2;

    /// <summary>
    /// The columns a header cell stands over when it is merged over several: the columns of the header
    /// cells below it whose middles it spans ("Toegekende steun" over "2022" and "2023"), or of the two
    /// cells in next columns below it it stands centred between ("2023" over "Bedrag" and "Aantal"; not a
    /// header of its own column between two others); one column otherwise.
    /// </summary>
    private static List<int> Covered(List<PdfWord> segment, List<double> lower, List<double> bounds)
    {
        var (from, to, middle) = (segment[0].XMin, segment[^1].XMax, Middle(segment));
        var under = lower.Where(m => m >= from && m <= to).Select(m => Column(bounds, m)).Distinct().Order().ToList();
        if (under.Count >= 2)
        {
            return [.. Enumerable.Range(under[0], under[^1] - under[0] + 1)];
        }

        var sorted = lower.Order().ToList();
        for (var k = 0; k + 1 < sorted.Count; k++)
        {
            var (left, right) = (sorted[k], sorted[k + 1]);
            if (left < middle && middle < right && Math.Abs(middle - ((left + right) / 2)) < (right - left) / 4
                && Column(bounds, left) is var a && Column(bounds, right) is var b && b == a + 1)
            {
                return [.. Enumerable.Range(a, b - a + 1)];
            }
        }

        return [Column(bounds, middle)];
    }

    /// <summary>
    /// The x positions between columns: the gaps that no body word covers. A gap of a cell's width or more
    /// always separates, and so does a gap holding a vertical rule beside most row lines; a narrower one (a left-aligned text column right after another) only where the
    /// header has a cell of its own on each side, so "01. Stiptheid" under one header stays one cell.
    /// </summary>
    private static List<double> Columns(List<PdfWord> words, List<List<PdfWord>> headerSegments, double em, List<List<double>> crossing)
    {
        var spans = new List<(double Min, double Max)>();
        foreach (var word in words.OrderBy(w => w.XMin))
        {
            if (spans.Count > 0 && word.XMin <= spans[^1].Max + 0.5)
            {
                spans[^1] = (spans[^1].Min, Math.Max(spans[^1].Max, word.XMax));
            }
            else
            {
                spans.Add((word.XMin, word.XMax));
            }
        }

        var middles = headerSegments.Select(s => (s[0].XMin + s[^1].XMax) / 2).ToList();
        var bounds = new List<double>();
        for (var k = 0; k + 1 < spans.Count; k++)
        {
            var (from, to) = (spans[k].Max, spans[k + 1].Min);
            var wide = to - from >= CellGap * em;
            var named = middles.Any(m => m >= spans[k].Min - em && m < from) && middles.Any(m => m > to && m <= spans[k + 1].Max + em);
            // A vertical rule in the gap beside most row lines is a column border, however narrow the gap.
            var ruled = crossing.Count > 0 && crossing.Count(xs => xs.Any(x => x > from && x < to)) * 2 > crossing.Count;
            if (wide || named || ruled)
            {
                bounds.Add((from + to) / 2);
            }
        }

        return bounds;
    }

    private static int Column(List<double> bounds, double x)
    {
        var c = 0;
        while (c < bounds.Count && x > bounds[c])
        {
            c++;
        }

        return c;
    }

    /// <summary>The words of a line in runs, split where the gap between two words exceeds <paramref name="gap"/>.</summary>
    private static List<List<PdfWord>> Segments(ImmutableArray<PdfWord> words, double gap)
    {
        var segments = new List<List<PdfWord>>();
        foreach (var word in words)
        {
            if (segments.Count > 0 && word.XMin - segments[^1][^1].XMax <= gap)
            {
                segments[^1].Add(word);
            }
            else
            {
                segments.Add([word]);
            }
        }

        return segments;
    }

    private static string Text(List<PdfWord> words) => string.Join(' ', words.Select(w => w.Text));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    /// <summary>A caption line: "Tabel 3a: …", "Tabel 2 – …", "Table 1".</summary>
    [GeneratedRegex(@"^(Tabel|Table|Tabelle)\s*\d+[a-z]?\b", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionStart();
}
