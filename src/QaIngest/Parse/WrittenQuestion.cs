using System.Collections.Immutable;

namespace QaIngest.Parse;

/// <summary>
/// One written question ("schriftelijke vraag") with its answer, split into header, subject,
/// preamble, numbered questions and numbered answers. Immutable; fields are null where the
/// document does not say (seeds without a header have no number, date, asker or minister).
/// </summary>
public sealed record WrittenQuestion
{
    /// <summary>The question's number (<c>nr.</c>); per minister within a session year, so not a key.</summary>
    public int? Number { get; init; }
    public DateOnly? Date { get; init; }
    /// <summary>The member of parliament who asked, display-cased ("Bob Savenberg").</summary>
    public string? Asker { get; init; }
    public string? Minister { get; init; }
    public string? MinisterTitle { get; init; }
    /// <summary>The subject line, with the <c>"  -  "</c> separator normalised to <c>" - "</c>.</summary>
    public string? Title { get; init; }
    public string? Preamble { get; init; }
    public ImmutableArray<QuestionItem> Questions { get; init; } = [];
    public AnswerHeader? AnswerHeader { get; init; }
    public string? AnswerPreamble { get; init; }
    public ImmutableArray<AnswerItem> Answers { get; init; } = [];
    /// <summary>How the answer is given: numbered items, one unnumbered block, a deferral to another answer, or none.</summary>
    public AnswerKind AnswerKind { get; init; }
    /// <summary>True when the document holds an <c>AANVULLEND ANTWOORD</c> (alone, or after the first answer).</summary>
    public bool SupplementaryAnswer { get; init; }
    /// <summary>The items of a supplementary answer that follows the first answer in the same document.</summary>
    public ImmutableArray<AnswerItem> SupplementaryAnswers { get; init; } = [];
    public ImmutableArray<Annex> Annexes { get; init; } = [];
    /// <summary>The text after a <c>BIJLAGE</c> heading that follows the last answer (an annex's titles or table); null when none.</summary>
    public string? AnnexText { get; init; }
    public ImmutableArray<int> LinkIds { get; init; } = [];
    public ImmutableArray<string> Urls { get; init; } = [];
    public ImmutableArray<CrossReference> CrossReferences { get; init; } = [];
    /// <summary>The ministers a multi-minister question was sent to, each with their own number.</summary>
    public ImmutableArray<MinisterAddressee> Ministers { get; init; } = [];
    public ImmutableArray<ParseWarning> Warnings { get; init; } = [];
    /// <summary>The tables the source marks as such (HTML, DOCX, XLSX annexes), each with the item it stands in; see <see cref="Tables.TableAttacher"/>.</summary>
    public ImmutableArray<Tables.Table> Tables { get; init; } = [];
}
