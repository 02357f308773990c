using System.Text.Json.Serialization;

namespace QaIngest.Parse;

/// <summary>How a written question's answer is given.</summary>
public enum AnswerKind
{
    /// <summary>No answer in the document (not answered yet, or only the question was published).</summary>
    [JsonStringEnumMemberName("none")]
    None,
    /// <summary>Numbered answers, paired with the questions (combined labels cover several).</summary>
    [JsonStringEnumMemberName("numbered")]
    Numbered,
    /// <summary>One unnumbered answer that answers every question at once.</summary>
    [JsonStringEnumMemberName("single-block")]
    SingleBlock,
    /// <summary>The answer defers to another one ("Een gecoördineerd antwoord zal worden verstrekt door …").</summary>
    [JsonStringEnumMemberName("deferral")]
    Deferral,
}
