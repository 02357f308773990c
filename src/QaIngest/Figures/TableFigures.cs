using System.Collections.Immutable;
using QaIngest.Parse;
using QaIngest.Tables;

namespace QaIngest.Figures;

/// <summary>
/// Gives the figures of tables their row, column and table: a marked table's number cells (HTML,
/// DOCX, XLSX) label the figure the text already holds for them, or become figures of their own; in
/// flattened text, a stretch of figures that reads as a table (see <see cref="FlatTableReader"/>)
/// gets its row labels. Every amount stays one figure. A totals row or column is checked (a sum
/// check per column or row). Pure.
/// </summary>
internal static class TableFigures
{
    public static (List<Figure> Figures, List<Check> Checks, ImmutableArray<Table> Tables) Apply(WrittenQuestion question, IReadOnlyList<Figure> textFigures)
    {
        var figures = textFigures.ToList();
        var checks = new List<Check>();
        var tables = ImmutableArray.CreateBuilder<Table>();
        var texts = TableAttacher.Texts(question).ToList();
        var claimed = new bool[figures.Count];
        var marked = new HashSet<TextLocation>();
        foreach (var table in question.Tables.IsDefault ? [] : question.Tables)
        {
            var location = table.Location ?? new TextLocation(Section.Annexes);
            marked.Add(location);
            tables.Add(table);
            var text = texts.FirstOrDefault(t => t.Location == location).Text;
            var cellFigures = new Dictionary<TableCell, Figure>();
            var cursor = 0;

            // Where the table stands in its item's text (an extractor writes its rows there, row by row):
            // a cell's figure is first the text's figure read at the cell's own place, whatever the text
            // made of it ("23" read with the next row's label as "23 oplossingen"), so the amount is counted once.
            var inText = text is not null && table.Caption is { Length: > 0 } title ? Math.Max(text.IndexOf(title[..Math.Min(title.Length, 40)], StringComparison.Ordinal), 0) : 0;
            foreach (var cell in table.Cells)
            {
                if (ToFigure(table, cell, location) is not { } figure)
                {
                    continue;
                }

                var place = text is null ? -1 : FindCell(text, cell.Text, inText);
                var at = place < 0 ? -1 : Enumerable.Range(0, figures.Count).FirstOrDefault(
                    i => i < claimed.Length && !claimed[i] && figures[i].Location == location && StandsIn(figures[i], text!)
                         && figures[i].Start <= place && place < figures[i].Start + figures[i].Length, -1);
                if (place >= 0)
                {
                    inText = place + cell.Text.Length;
                }

                // A cell not found at a place of its own in the text may still be a figure the text read elsewhere.
                if (at < 0 && place < 0)
                {
                    at = Enumerable.Range(0, figures.Count).FirstOrDefault(
                        i => i < claimed.Length && !claimed[i] && figures[i].Location == location && SameAmount(figures[i], figure, cell), -1);
                }
                if (at >= 0)
                {
                    claimed[at] = true;
                    figures[at] = Label(figures[at], figure);
                    cellFigures[cell] = figures[at];
                    continue;
                }

                var start = text is null ? -1 : text.IndexOf(cell.Text, cursor, StringComparison.Ordinal);
                if (start >= 0)
                {
                    cursor = start + cell.Text.Length;
                }

                figure = figure with { Start = start, Length = start >= 0 ? cell.Text.Length : 0 };
                figures.Add(figure);
                cellFigures[cell] = figure;
            }

            checks.AddRange(TotalChecks(table, cellFigures));
        }

        LabelLineTables(texts, figures, marked, tables, checks);
        LabelFlatTables(texts, figures, marked, tables);
        return (figures, checks, tables.ToImmutable());
    }

    /// <summary>The figure a number cell is: money, a percentage or a count; null for text and unitless numbers.</summary>
    private static Figure? ToFigure(Table table, TableCell cell, TextLocation location)
    {
        // A number whose unit the table does not say (an average, a fraction) is no figure; the table
        // builder has already made whole numbers counts.
        if (cell.Value is not { } value || cell.Kind is TableCellKind.Text or TableCellKind.Number)
        {
            return null;
        }

        var kind = cell.Kind switch
        {
            TableCellKind.Money => FigureKind.Money,
            TableCellKind.Percent => FigureKind.Percentage,
            _ => FigureKind.Count,
        };
        // A column that states its own unit ("Omzet (in miljard euro)", "Aantal dagtoeristen (in miljoen)") scales its cells; else the table's unit scales its amounts.
        var columnScale = CellReader.Unit(cell.ColumnLabel).Scale;
        var scale = columnScale != 1 && kind != FigureKind.Percentage ? columnScale : kind == FigureKind.Money ? table.Scale : 1;
        var decimals = BitConverter.GetBytes(decimal.GetBits(value)[3])[2];
        return new Figure(kind, value * scale, cell.Text, -1, 0, location)
        {
            Currency = kind == FigureKind.Money ? "EUR" : null,
            Unit = kind == FigureKind.Percentage ? "percent" : kind == FigureKind.Count ? CountUnit(table, cell) : null,
            Sentence = cell.RowLabel.Length > 0 ? $"{cell.RowLabel} | {cell.ColumnLabel}: {cell.Text}" : cell.Text,
            Tolerance = 0.5m * DutchNumber.Pow10(-decimals) * scale,
            Row = cell.RowLabel,
            Column = cell.ColumnLabel,
            Table = table.Caption ?? "",
            Sheet = SheetName(table),
        };
    }

    /// <summary>An annex sheet's name as a figure gives it ("bijlage 1, tabblad 4 (Provincies)"); null for another table.</summary>
    internal static string? SheetName(Table table) =>
        table.Annex is { } annex ? $"bijlage {annex}, tabblad {table.SheetNumber}" + (table.Sheet is { } name ? $" ({name})" : "") : null;

    private static string CountUnit(Table table, TableCell cell) =>
        cell.ColumnLabel.Length > 0 ? cell.ColumnLabel : table.Unit ?? "aantal";

    /// <summary>Where a cell's text stands in the item's text from <paramref name="from"/> on, as a whole number (not inside a longer one); -1 when not there.</summary>
    private static int FindCell(string text, string cell, int from)
    {
        if (cell.Length == 0)
        {
            return -1;
        }

        for (var at = text.IndexOf(cell, from, StringComparison.Ordinal); at >= 0; at = text.IndexOf(cell, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + cell.Length >= text.Length ? ' ' : text[at + cell.Length];
            var inNumber = char.IsAsciiDigit(before) || char.IsAsciiDigit(after)
                || (before is '.' or ',' && at >= 2 && char.IsAsciiDigit(text[at - 2]))
                || (after is '.' or ',' && at + cell.Length + 1 < text.Length && char.IsAsciiDigit(text[at + cell.Length + 1]));
            if (!inNumber)
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>The text's figure for a cell: the same value (as written, or scaled by the table's unit) written with the cell's digits.</summary>
    private static bool SameAmount(Figure text, Figure cell, TableCell source) =>
        (text.Value == cell.Value || text.Value == source.Value) && text.Text.Contains(Digits(source.Text), StringComparison.Ordinal);

    private static string Digits(string cell)
    {
        var first = cell.IndexOfAny("0123456789".ToCharArray());
        var last = cell.LastIndexOfAny("0123456789".ToCharArray());
        return first < 0 ? cell : cell[first..(last + 1)];
    }

    /// <summary>
    /// The text's figure with the cell's labels and the amount the table's unit makes of it ("568.166 €"
    /// under "Bedragen K€" is 568,166,000 euro); where the table says more about what it is (a bare
    /// number under "(in euro)" read from the text as a count), the cell's kind and unit win.
    /// </summary>
    private static Figure Label(Figure figure, Figure cell) =>
        figure.Kind == cell.Kind || (figure.IsMoney && cell.IsMoney)
            ? figure with { Row = cell.Row, Column = cell.Column, Table = cell.Table, Sheet = cell.Sheet, Value = cell.Value, Tolerance = Math.Max(figure.Tolerance, cell.Tolerance) }
            : cell with { Start = figure.Start, Length = figure.Length, Text = figure.Text, Sentence = figure.Sentence, Years = figure.Years, Qualifier = figure.Qualifier };

    /// <summary>Sum checks of a totals row (per column) and a totals column (per row): the parts must add up to the total.</summary>
    private static IEnumerable<Check> TotalChecks(Table table, Dictionary<TableCell, Figure> figures)
    {
        if (table.TotalsRow is { } totalsRow)
        {
            foreach (var column in table.Cells.Select(c => c.Column).Distinct())
            {
                // An average's total row is the average of all, not a sum ("Gemiddeld bedrag").
                if (table.Cells.Any(c => c.Column == column && c.ColumnLabel.Contains("gemiddeld", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var inColumn = table.Cells.Where(c => c.Column == column && figures.ContainsKey(c)).ToList();
                var total = inColumn.LastOrDefault(c => c.RowLabel == totalsRow);
                // A group's row ("2021" over "2021 / Antwerpen", "2021 / Limburg") holds its subtotal: the parts are the rows under it.
                var parts = inColumn.Where(c => c != total && !CellReader.IsTotalLabel(c.RowLabel)
                    && !inColumn.Any(o => o.RowLabel.StartsWith(c.RowLabel + " / ", StringComparison.Ordinal))).ToList();
                // Shares do not add up to the total's share ("% vrijgesteld": 64%, 69% … totaal 72%).
                if (total is not null && parts.Count >= 2 && figures[total].Kind != FigureKind.Percentage && parts.All(p => figures[p].Kind == figures[total].Kind))
                {
                    yield return Check.Sum(figures[total], parts.Select(p => figures[p]));
                }
            }
        }

        if (table.TotalsColumn is { } totalsColumn)
        {
            foreach (var row in table.Cells.Select(c => c.Row).Distinct())
            {
                var inRow = table.Cells.Where(c => c.Row == row && figures.ContainsKey(c)).ToList();
                var total = inRow.LastOrDefault(c => c.ColumnLabel == totalsColumn);
                var parts = inRow.Where(c => c != total).ToList();
                if (total is not null && parts.Count >= 2 && figures[total].Kind != FigureKind.Percentage && parts.All(p => figures[p].Kind == figures[total].Kind))
                {
                    yield return Check.Sum(figures[total], parts.Select(p => figures[p]));
                }
            }
        }
    }

    /// <summary>
    /// Tables flattened one row per line (see <see cref="LineTableReader"/>): each number cell labels the
    /// text's figure that stands on it, or becomes a figure of its own (a bare count in a row is no
    /// figure of the running text); a totals row is checked per column.
    /// </summary>
    private static void LabelLineTables(List<(TextLocation Location, string Text)> texts, List<Figure> figures, HashSet<TextLocation> marked, ImmutableArray<Table>.Builder tables, List<Check> checks)
    {
        foreach (var (location, text) in texts)
        {
            if (marked.Contains(location))
            {
                continue;
            }

            foreach (var (table, spans) in LineTableReader.Read(text))
            {
                var placed = table with { Location = location };
                var cellFigures = new Dictionary<TableCell, Figure>();
                for (var k = 0; k < table.Cells.Length; k++)
                {
                    var cell = table.Cells[k];
                    if (ToFigure(placed, cell, location) is not { } figure)
                    {
                        continue;
                    }

                    var (start, length) = spans[k];
                    var at = figures.FindIndex(f => f.Location == location && f.Row is null && StandsIn(f, text) && f.Start <= start && start < f.Start + f.Length);
                    if (at >= 0)
                    {
                        figures[at] = Label(figures[at], figure);
                        cellFigures[cell] = figures[at];
                        continue;
                    }

                    figure = figure with { Start = start, Length = length };
                    figures.Add(figure);
                    cellFigures[cell] = figure;
                }

                tables.Add(placed);
                checks.AddRange(TotalChecks(placed, cellFigures));
            }
        }
    }

    /// <summary>Row labels for stretches of figures in flattened text that read as a table (one sentence, numbers close together).</summary>
    private static void LabelFlatTables(List<(TextLocation Location, string Text)> texts, List<Figure> figures, HashSet<TextLocation> marked, ImmutableArray<Table>.Builder tables)
    {
        foreach (var (location, text) in texts)
        {
            if (marked.Contains(location))
            {
                continue;
            }

            var here = Enumerable.Range(0, figures.Count)
                .Where(i => figures[i].Location == location && figures[i].Row is null && figures[i].Kind is not FigureKind.Rate && StandsIn(figures[i], text))
                .OrderBy(i => figures[i].Start)
                .ToList();
            foreach (var (members, leadStart) in Runs(here, figures, text))
            {
                var table = FlatTableReader.Read(text, members.Select(i => (figures[i].Start, figures[i].Length)).ToList(), leadStart);
                if (table is null)
                {
                    continue;
                }

                for (var k = 0; k < members.Count; k++)
                {
                    var figure = figures[members[k]];
                    var cell = table.Cells[k];
                    figures[members[k]] = figure with { Row = cell.RowLabel, Column = cell.ColumnLabel, Table = "" };
                }

                tables.Add(table with
                {
                    Location = location,
                    Cells = [.. table.Cells.Select((c, k) => c with { Value = figures[members[k]].Value, Kind = KindOf(figures[members[k]]) })],
                });
            }
        }
    }

    /// <summary>
    /// True when the figure was read from this text (a supplementary answer shares its location with
    /// the first answer of the same number, so the location alone does not say).
    /// </summary>
    private static bool StandsIn(Figure figure, string text) =>
        figure.Start >= 0 && figure.Start + figure.Length <= text.Length && string.CompareOrdinal(text, figure.Start, figure.Text, 0, figure.Length) == 0;

    /// <summary>
    /// Stretches of figures with no long text between them (a flattened table's rows break its
    /// sentences anywhere, so sentences do not bound it), each with where its lead text starts: the
    /// first figure's sentence, or the end of the figure before a long gap, whichever is later.
    /// </summary>
    private static IEnumerable<(List<int> Members, int LeadStart)> Runs(List<int> here, List<Figure> figures, string text)
    {
        if (here.Count == 0)
        {
            yield break;
        }

        var run = new List<int> { here[0] };
        var leadStart = SentenceStart(figures[here[0]], text, 0);
        for (var k = 1; k < here.Count; k++)
        {
            var before = figures[here[k - 1]];
            var end = before.Start + before.Length;
            if (figures[here[k]].Start - end > FlatTableReader.MaxGap)
            {
                yield return (run, leadStart);
                run = [];
                leadStart = SentenceStart(figures[here[k]], text, end);
            }

            run.Add(here[k]);
        }

        yield return (run, leadStart);
    }

    private static int SentenceStart(Figure figure, string text, int floor)
    {
        var probe = figure.Sentence.Length >= 12 ? figure.Sentence[..12] : figure.Sentence;
        var at = probe.Length == 0 || figure.Start >= text.Length ? -1 : text.LastIndexOf(probe, figure.Start, StringComparison.Ordinal);
        return Math.Max(at, floor);
    }

    private static TableCellKind KindOf(Figure figure) => figure.Kind switch
    {
        FigureKind.Money => TableCellKind.Money,
        FigureKind.Percentage => TableCellKind.Percent,
        _ => TableCellKind.Count,
    };
}
