using System.Collections.Immutable;
using QaIngest.Parse;
using QaIngest.Text;

namespace QaIngest.Tables;

/// <summary>
/// Places each table a source marked (HTML, DOCX) in the item it stands in: the item whose text holds
/// most of the table's cells (an extractor writes a table's rows into the text where it stands).
/// Annex sheets keep their annex. Pure.
/// </summary>
public static class TableAttacher
{
    public static WrittenQuestion Attach(WrittenQuestion question, ImmutableArray<Table> tables)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (tables.IsDefaultOrEmpty)
        {
            return question;
        }

        var texts = Texts(question).Select(t => (t.Location, Text: LineReader.Collapse(t.Text))).ToList();
        var placed = tables.Select(t => t.Location is not null || t.Annex is not null ? t : t with { Location = Place(t, texts) });
        return question with { Tables = question.Tables.AddRange(placed) };
    }

    /// <summary>
    /// Adds the sheets of the question's annexes: each is an item of its own (<see cref="Section.Annexes"/>,
    /// numbered 1, 2, … in order) and names the answers whose references point at it ("bijlage 1,
    /// tabblad 4" → sheet 4 of annex 1; "bijlage 1" alone → every sheet of annex 1).
    /// </summary>
    public static WrittenQuestion AttachAnnexes(WrittenQuestion question, ImmutableArray<Table> sheets)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (sheets.IsDefaultOrEmpty)
        {
            return question;
        }

        var answers = question.Answers.Concat(question.SupplementaryAnswers.IsDefault ? [] : question.SupplementaryAnswers).ToList();
        var placed = sheets.Select((t, i) => t with
        {
            Location = new TextLocation(Section.Annexes, i + 1),
            ReferencedBy = [.. answers
                .Where(a => !a.AnnexReferences.IsDefault && a.AnnexReferences.Any(r => r.Annex == t.Annex && (r.Sheet is null || r.Sheet == t.SheetNumber)))
                .Select(a => a.Number)
                .Distinct()],
        });
        return question with { Tables = question.Tables.AddRange(placed) };
    }

    /// <summary>An annex sheet as searchable text: its name and caption, then a line per row with each cell's column.</summary>
    public static string SheetText(Table table)
    {
        var lines = new List<string> { $"bijlage {table.Annex}, tabblad {table.SheetNumber}" + (table.Sheet is { } name ? $" ({name})" : "") + (table.Caption is { } caption ? $": {caption}" : "") };
        foreach (var row in table.Cells.GroupBy(c => c.Row))
        {
            var label = row.First().RowLabel;
            lines.Add((label.Length > 0 ? label + ": " : "") + string.Join("; ", row.Select(c => c.ColumnLabel.Length > 0 ? $"{c.ColumnLabel} {c.Text}" : c.Text)));
        }

        return string.Join('\n', lines);
    }

    private static TextLocation Place(Table table, List<(TextLocation Location, string Text)> texts)
    {
        var probes = table.Cells.Select(c => c.Text).Concat(table.RowLabels).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Take(60).ToList();
        var best = (Location: new TextLocation(Section.Annexes), Hits: 0);
        foreach (var (location, text) in texts)
        {
            var hits = probes.Count(p => text.Contains(p, StringComparison.Ordinal));
            if (hits > best.Hits)
            {
                best = (location, hits);
            }
        }

        return best.Location;
    }

    /// <summary>The texts figures are read from, with their locations (as <c>FigureExtractor</c> reads them).</summary>
    internal static IEnumerable<(TextLocation Location, string Text)> Texts(WrittenQuestion q)
    {
        if (q.Preamble is { } preamble)
        {
            yield return (new TextLocation(Section.Preamble), preamble);
        }

        foreach (var item in q.Questions)
        {
            yield return (new TextLocation(Section.Question, item.Number), item.Text);
        }

        if (q.AnswerPreamble is { } answerPreamble)
        {
            yield return (new TextLocation(Section.AnswerPreamble), answerPreamble);
        }

        foreach (var item in q.Answers.Concat(q.SupplementaryAnswers.IsDefault ? [] : q.SupplementaryAnswers))
        {
            yield return (new TextLocation(Section.Answer, item.Number), item.Text);
            foreach (var part in item.Parts.IsDefault ? [] : item.Parts)
            {
                yield return (new TextLocation(Section.Answer, item.Number, part.Label), part.Text);
            }
        }

        if (q.AnnexText is { } annex)
        {
            yield return (new TextLocation(Section.Annexes), annex);
        }

        foreach (var sheet in q.Tables.IsDefault ? [] : q.Tables.Where(t => t.Annex is not null && t.Location is not null))
        {
            yield return (sheet.Location!, SheetText(sheet));
        }
    }
}
