using System.Collections.Immutable;

namespace QaIngest.Pipeline;

/// <summary>A document whose content changed in a run, and what the change brought (see <see cref="Kinds"/>).</summary>
public sealed record DocumentChange(string Key, ImmutableArray<string> What)
{
    /// <summary>The names a change can have, as reports and <c>status</c> spell them.</summary>
    public static class Kinds
    {
        public const string AnswerAdded = "answer-added";
        public const string SupplementaryAnswer = "supplementary-answer";
        public const string AnswerRemoved = "answer-removed";
        public const string TextCorrected = "text-corrected";
    }

    /// <summary>What changed between the answer state before and after new bytes arrived for a document.</summary>
    public static ImmutableArray<string> Between(AnswerState before, AnswerState after)
    {
        var what = ImmutableArray.CreateBuilder<string>();
        if (!before.Answered && after.Answered)
        {
            what.Add(Kinds.AnswerAdded);
        }
        else if (before.Answered && !after.Answered)
        {
            what.Add(Kinds.AnswerRemoved);
        }

        if (after.Supplements > before.Supplements)
        {
            what.Add(Kinds.SupplementaryAnswer);
        }

        // New bytes that bring no new answer are a corrected file.
        if (what.Count == 0)
        {
            what.Add(Kinds.TextCorrected);
        }

        return what.ToImmutable();
    }
}
