namespace QaIngest.Web.Pages;

/// <summary>
/// A stored table as an HTML table: its caption (with its unit), header rows rebuilt from the
/// columns' joined header levels (a level shared by neighbouring columns spans them), a row label
/// per row and the cells where their labels meet. Every text is encoded.
/// </summary>
internal static class TableMarkup
{
    private const string LevelSeparator = " / ";

    public static Html Render(Language l, TableView table)
    {
        var levels = table.Columns.Select(c => c.Split(LevelSeparator)).ToList();
        var depth = Math.Max(1, levels.Count == 0 ? 1 : levels.Max(c => c.Length));
        var headerRows = new List<Html>();
        for (var level = 0; level < depth; level++)
        {
            var cells = new List<Html>();
            if (level == 0)
            {
                cells.Add(Html.Of($"<td rowspan=\"{depth}\"></td>"));
            }

            for (var c = 0; c < levels.Count;)
            {
                // Neighbouring columns that agree up to this level share its header cell.
                var span = 1;
                while (c + span < levels.Count && SamePrefix(levels[c], levels[c + span], level))
                {
                    span++;
                }

                var text = level < levels[c].Length ? levels[c][level] : string.Empty;
                cells.Add(span == 1
                    ? Html.Of($"<th scope=\"col\">{text}</th>")
                    : Html.Of($"<th scope=\"colgroup\" colspan=\"{span}\">{text}</th>"));
                c += span;
            }

            headerRows.Add(Html.Of($"<tr>{cells}</tr>"));
        }

        var byPlace = table.Cells.GroupBy(c => (c.Row, c.Column)).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(c => c.Text)));
        var rows = table.Rows.Select(row => Html.Of($"""
            <tr{(row == table.TotalsRow ? Html.Trusted(" class=\"total\"") : Html.Empty)}><th scope="row">{row}</th>{table.Columns.Select(column => Html.Of($"<td>{byPlace.GetValueOrDefault((row, column))}</td>"))}</tr>
            """));
        var caption = table.Caption is null && table.Unit is null
            ? Html.Empty
            : Html.Of($"<caption>{table.Caption}{(table.Unit is { } unit ? $" ({unit})" : string.Empty)}</caption>");
        return Html.Of($"""
            <div class="table-wrap"><table class="data">{caption}<thead>{headerRows}</thead><tbody>{rows}</tbody></table><p class="table-note">{l.T("table.cells.note")}</p></div>
            """);
    }

    /// <summary>The heading of an annex sheet: "bijlage 1, tabblad 4: Provincies".</summary>
    public static string SheetTitle(Language l, TableView table)
    {
        var parts = new List<string>();
        if (table.Annex is { } annex)
        {
            parts.Add($"{l.T("annex")} {annex}");
        }

        if (table.SheetNumber is { } sheet)
        {
            parts.Add($"{l.T("sheet")} {sheet}");
        }

        var place = string.Join(", ", parts);
        return table.Sheet is { } name ? (place.Length == 0 ? name : $"{place}: {name}") : place;
    }

    private static bool SamePrefix(string[] a, string[] b, int level)
    {
        for (var i = 0; i <= level; i++)
        {
            var x = i < a.Length ? a[i] : null;
            var y = i < b.Length ? b[i] : null;
            if (x != y || x is null)
            {
                return false;
            }
        }

        return true;
    }
}
