namespace QaIngest.Search;

/// <summary>
/// The fields of a Lucene document, one document per item (preamble, question, answer preamble,
/// answer) carrying its written question's fields. SQLite holds the text; the index holds what
/// finds, ranks, filters, sorts and counts items.
/// </summary>
public static class IndexFields
{
    /// <summary>The written question's key (not analysed): every item of a document is replaced or deleted by it.</summary>
    public const string Key = "key";

    /// <summary>The item's row id in SQLite (numeric doc values): text, question and figures are read from there.</summary>
    public const string Item = "item";

    public const string Title = "title";
    public const string Body = "body";

    /// <summary>An answer's question, so an answer is found by the words it answers.</summary>
    public const string Context = "context";

    /// <summary>The parts of hyphenated words (<c>integratie</c> of <c>re-integratie</c>), weighed below whole words.</summary>
    public const string Parts = "parts";

    public const string Asker = "asker";
    public const string Minister = "minister";

    /// <summary>The parliament's themes of the document (analysed like a title, so <c>theme:onderwijs</c> finds "Onderwijs en Vorming").</summary>
    public const string Theme = "theme";

    /// <summary>How the answer is given, not analysed (<c>none</c>, <c>numbered</c>, <c>single-block</c>, <c>deferral</c>): <c>answer:deferral</c>.</summary>
    public const string AnswerKind = "answer";

    /// <summary>Each theme as written (sorted set doc values) and the answer kind (sorted doc values), for facets.</summary>
    public const string ThemeName = "themeName";
    public const string AnswerKindName = "answerKindName";

    /// <summary>The item's section (numeric doc values of <c>QaIngest.Parse.Section</c>): ranking weighs answers, questions and preambles without reading the record.</summary>
    public const string Section = "section";

    /// <summary>The item's section as one term (<c>preamble</c>, <c>question</c>, <c>answerpreamble</c>, <c>answer</c>), for <c>section:answer</c>.</summary>
    public const string SectionFilter = "sectionFilter";

    /// <summary>Year (indexed int; facets read it from the date's doc values), question number (indexed int).</summary>
    public const string Year = "year";
    public const string Number = "number";

    /// <summary>Date as yyyymmdd (doc values), for sorting by date.</summary>
    public const string Date = "date";

    /// <summary>Every money amount and rate of the item (indexed doubles, several per item): <c>amount:</c> filters.</summary>
    public const string Amount = "amount";

    /// <summary>
    /// The item's largest amount (doc values, for sorting by amount; and indexed, one value an item,
    /// so the items above an amount are counted from the index's term statistics).
    /// </summary>
    public const string MaxAmount = "maxAmount";

    /// <summary>Asker and minister names as written (sorted doc values), for facets.</summary>
    public const string AskerName = "askerName";
    public const string MinisterName = "ministerName";

    /// <summary>
    /// Precision steps of the numeric fields (terms indexed per value: 64 or 32 bits / step). Amounts
    /// are read in any range: 8. Years and question numbers have few distinct values, so one term a
    /// value does (a range enumerates them). Item ids are doc values only: a recent window reads them
    /// per candidate.
    /// </summary>
    public const int AmountStep = 8;
    public const int WholeValueStep = int.MaxValue;

    /// <summary>Field weights of BM25: the title above the text, the question as context like the text, hyphen parts at half.</summary>
    public const float TitleWeight = 3f;
    public const float BodyWeight = 1f;
    public const float ContextWeight = 1f;
    public const float PartsWeight = 0.5f;
}
