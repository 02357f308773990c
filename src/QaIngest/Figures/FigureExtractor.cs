using System.Collections.Immutable;
using QaIngest.Parse;

namespace QaIngest.Figures;

/// <summary>
/// Finds the figures of a written question (money, percentages, counts, rates) and the sum and
/// product checks between them. Pure and thread-safe: no I/O, no shared state.
/// </summary>
public static class FigureExtractor
{
    /// <summary>
    /// The version of this stage's output for the same input: bump it when a change should make a
    /// pipeline redo the stage (and the stages after it) for every document, from the stored raw files.
    /// </summary>
    public const int StageVersion = 3;

    /// <summary>
    /// Extracts figures from every text of <paramref name="question"/> in document order: title,
    /// preamble, each question (lead text, then its lettered parts), answer preamble, each answer.
    /// Offsets are relative to the text a figure stands in (see <see cref="Figure.Location"/>).
    /// </summary>
    public static FigureExtraction Extract(WrittenQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var figures = ImmutableArray.CreateBuilder<Figure>();
        var checks = ImmutableArray.CreateBuilder<Check>();

        void Add(string? text, TextLocation location)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var found = ExtractFromText(text, location);
            figures.AddRange(found.Figures);
            checks.AddRange(found.Checks);
        }

        Add(question.Title, new TextLocation(Section.Title));
        Add(question.Preamble, new TextLocation(Section.Preamble));
        foreach (var item in question.Questions)
        {
            Add(item.Text, new TextLocation(Section.Question, item.Number));
            foreach (var part in item.Parts.IsDefault ? [] : item.Parts)
            {
                Add(part.Text, new TextLocation(Section.Question, item.Number, part.Label));
            }
        }

        Add(question.AnswerPreamble, new TextLocation(Section.AnswerPreamble));
        foreach (var item in question.Answers)
        {
            Add(item.Text, new TextLocation(Section.Answer, item.Number));
            foreach (var part in item.Parts.IsDefault ? [] : item.Parts)
            {
                Add(part.Text, new TextLocation(Section.Answer, item.Number, part.Label));
            }
        }

        foreach (var item in question.SupplementaryAnswers.IsDefault ? [] : question.SupplementaryAnswers)
        {
            Add(item.Text, new TextLocation(Section.Answer, item.Number));
            foreach (var part in item.Parts.IsDefault ? [] : item.Parts)
            {
                Add(part.Text, new TextLocation(Section.Answer, item.Number, part.Label));
            }
        }

        Add(question.AnnexText, new TextLocation(Section.Annexes));

        // Tables last: their cells label the figures the text holds for them (or add the ones it has not).
        var (labelled, tableChecks, tables) = TableFigures.Apply(question, figures);
        checks.AddRange(tableChecks);
        return new FigureExtraction([.. labelled], checks.ToImmutable()) { Tables = tables };
    }

    /// <summary>
    /// Extracts figures from one text (a sentence, a paragraph, an item's text); every figure gets
    /// <paramref name="location"/>, and its <see cref="Figure.Start"/> is an offset in <paramref name="text"/>.
    /// </summary>
    public static FigureExtraction ExtractFromText(string text, TextLocation location)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        return text.Length == 0 ? FigureExtraction.Empty : FigureGrammar.Run(text, location);
    }
}
