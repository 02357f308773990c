namespace QaIngest.Parse;

/// <summary>The sections of a written question, in document order.</summary>
public enum Section
{
    Title,
    Preamble,
    Question,
    AnswerPreamble,
    Answer,
    Annexes,
}
