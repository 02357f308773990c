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

        // The parser keeps a supplement's header inside the answer text it follows (an upper-case line of its own).
        var supplements = Count(question.AnswerPreamble);
        foreach (var answer in question.Answers)
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
