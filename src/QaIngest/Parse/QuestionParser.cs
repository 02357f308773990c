namespace QaIngest.Parse;

/// <summary>Splits the text of a written question into a <see cref="WrittenQuestion"/>. Pure and thread-safe.</summary>
public static class QuestionParser
{
    /// <summary>Parses extracted text. Never throws for bad input: unreadable text is a failed result.</summary>
    public static ParseResult Parse(string text) => ParseResult.Fail("not implemented yet");
}
