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
    }
}
