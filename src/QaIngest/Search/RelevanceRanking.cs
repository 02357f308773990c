using System.Collections.Immutable;

namespace QaIngest.Search;

/// <summary>
/// Re-ranks BM25 candidates the way a question-and-answer corpus needs: an item whose own text
/// covers more of the query words ranks higher (Lucene's classic coordination factor), an answer is
/// judged together with the question it answers, and answers — where the information is — weigh a
/// quarter more than questions; preambles a fifth less. Pure.
/// </summary>
public static class RelevanceRanking
{
    public const double AnswerWeight = 1.25;
    public const double QuestionWeight = 1.0;
    public const double OtherWeight = 0.8;

    /// <summary>The final score from the BM25 score (higher is better), the item's section, text and question.</summary>
    public static double Score(double bm25, string section, string text, string? questionText, IReadOnlyList<QueryWord> words) =>
        Score(bm25, section, DutchAnalyzer.Analyze(text), questionText is null ? null : DutchAnalyzer.Analyze(questionText), words);

    /// <summary>The same, from texts the caller has already analysed (no question: null).</summary>
    public static double Score(double bm25, string section, ImmutableArray<AnalyzedToken> text, ImmutableArray<AnalyzedToken>? question, IReadOnlyList<QueryWord> words) =>
        Score(bm25, section, Coverage(text, words), question is { } asked ? Coverage(asked, words) : null);

    /// <summary>The same, from the shares of query words the item's text and its question (null: none) hold.</summary>
    public static double Score(double bm25, string section, double textCoverage, double? questionCoverage)
    {
        var coverage = questionCoverage is { } asked ? (textCoverage + asked) / 2 : textCoverage;
        var weight = section switch
        {
            "answer" => AnswerWeight,
            "question" => QuestionWeight,
            _ => OtherWeight,
        };
        return bm25 * (1 + coverage) * weight;
    }

    /// <summary>The share of query words that the text contains (0 to 1).</summary>
    public static double Coverage(string text, IReadOnlyList<QueryWord> words) => Coverage(DutchAnalyzer.Analyze(text), words);

    private static double Coverage(ImmutableArray<AnalyzedToken> tokens, IReadOnlyList<QueryWord> words)
    {
        if (words.Count == 0)
        {
            return 0;
        }

        var analysed = tokens.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        return (double)words.Count(w => w.IsIn(analysed)) / words.Count;
    }
}
