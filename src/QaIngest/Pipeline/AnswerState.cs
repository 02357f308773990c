using QaIngest.Parse;

namespace QaIngest.Pipeline;

/// <summary>
/// Whether a parsed written question has an answer, and how many supplementary answers
/// (<c>AANVULLEND ANTWOORD</c>) its text carries: what decides how often it is asked again and what a
/// change is called. The one place that reads this from the parser's output, so it follows the parser
/// when the parser learns to mark answer kinds itself.
/// </summary>
public readonly record struct AnswerState(bool Answered, int Supplements)
{
    private const string SupplementHeader = "AANVULLEND ANTWOORD";

    public static AnswerState Of(WrittenQuestion question)
    {
        var answered = question.AnswerHeader is not null || !question.Answers.IsDefaultOrEmpty;

        // The parser marks the first supplementary answer (SupplementaryAnswer, its items in SupplementaryAnswers);
        // a further one stays inside the text it follows, as an upper-case header line of its own.
        var supplements = question.SupplementaryAnswer ? 1 : 0;
        supplements += Count(question.AnswerPreamble);
        foreach (var answer in question.Answers.Concat(question.SupplementaryAnswers.IsDefault ? [] : question.SupplementaryAnswers))
        {
            supplements += Count(answer.Text);
            foreach (var part in answer.Parts)
            {
                supplements += Count(part.Text);
            }
        }

        return new AnswerState(answered, supplements);
    }

    private static int Count(string? text)
    {
        var count = 0;
        for (var at = text?.IndexOf(SupplementHeader, StringComparison.Ordinal) ?? -1; at >= 0; at = text!.IndexOf(SupplementHeader, at + SupplementHeader.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
