using System.Collections.Immutable;
using System.Globalization;
using HtmlAgilityPack;
using QaIngest.Text;

namespace QaIngest.Tables;

/// <summary>
/// Reads every <c>&lt;table&gt;</c> of an HTML document into a <see cref="Table"/>, with <c>rowspan</c>
/// and <c>colspan</c> laid out on the grid, <c>th</c>/<c>thead</c> rows as header, and the
/// <c>&lt;caption&gt;</c> (or the nearest title before the table) as caption. Never throws for bad markup.
/// </summary>
public static class HtmlTableReader
{
    private const int MaxTables = 500;

    public static ImmutableArray<Table> Read(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains("<table", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var document = new HtmlDocument { OptionMaxNestedChildNodes = 2000 };
        try
        {
            document.LoadHtml(html);
        }
        catch (Exception e) when (e.GetType() == typeof(Exception))
        {
            // Nesting deeper than the limit: the text extractor reports it; no tables.
            return [];
        }

        var tables = ImmutableArray.CreateBuilder<Table>();
        foreach (var element in document.DocumentNode.Descendants("table").Take(MaxTables))
        {
            if (Read(element) is { } table)
            {
                tables.Add(table);
            }
        }

        return tables.ToImmutable();
    }

    private static Table? Read(HtmlNode table)
    {
        var layout = new GridLayout();
        var headerRows = 0;
        var inHeader = true;
        foreach (var row in OwnRows(table))
        {
            layout.NextRow();
            var cells = row.ChildNodes.Where(n => n.Name is "td" or "th").ToList();
            var isHeader = cells.Count > 0 && (row.ParentNode?.Name == "thead" || cells.All(c => c.Name == "th"));
            if (inHeader && isHeader)
            {
                headerRows++;
            }
            else
            {
                inHeader = false;
            }

            foreach (var cell in cells)
            {
                layout.Add(CellText(cell), Span(cell, "rowspan"), Span(cell, "colspan"));
                if (layout.Full)
                {
                    break;
                }
            }
        }

        return TableBuilder.Build(layout.ToGrid(), Caption(table), headerRows > 0 ? headerRows : null);
    }

    /// <summary>The table's own rows (in thead, tbody, tfoot or directly under it), not those of a nested table.</summary>
    private static IEnumerable<HtmlNode> OwnRows(HtmlNode table)
    {
        foreach (var child in table.ChildNodes)
        {
            if (child.Name == "tr")
            {
                yield return child;
            }
            else if (child.Name is "thead" or "tbody" or "tfoot")
            {
                foreach (var row in child.ChildNodes.Where(n => n.Name == "tr"))
                {
                    yield return row;
                }
            }
        }
    }

    private static string CellText(HtmlNode cell)
    {
        var text = HtmlEntity.DeEntitize(string.Join(' ', cell.DescendantsAndSelf().Where(n => n.NodeType == HtmlNodeType.Text).Select(n => n.InnerText)));
        return LineReader.Collapse(text.Replace('\u00a0', ' '));
    }

    private static int Span(HtmlNode cell, string name) =>
        int.TryParse(cell.GetAttributeValue(name, "1"), NumberStyles.None, CultureInfo.InvariantCulture, out var span) && span > 0 ? span : 1;

    /// <summary>The <c>caption</c>, else a short title in the element just before the table ("Tabel 3a: ...").</summary>
    private static string? Caption(HtmlNode table)
    {
        if (table.ChildNodes.FirstOrDefault(n => n.Name == "caption") is { } caption)
        {
            return LineReader.Collapse(HtmlEntity.DeEntitize(caption.InnerText));
        }

        for (var node = table.PreviousSibling; node is not null; node = node.PreviousSibling)
        {
            if (node.NodeType == HtmlNodeType.Text && string.IsNullOrWhiteSpace(node.InnerText))
            {
                continue;
            }

            if (node.NodeType != HtmlNodeType.Element || node.Name == "table")
            {
                return null;
            }

            var text = LineReader.Collapse(HtmlEntity.DeEntitize(node.InnerText));
            return text.Length is > 0 and <= 160 ? text : null;
        }

        return null;
    }
}
