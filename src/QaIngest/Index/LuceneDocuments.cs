using System.Collections.Immutable;
using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// Turns a <see cref="DocumentRecord"/> into Lucene documents, one per item, reusing its
/// <see cref="Field"/> instances from item to item (one instance per writing thread).
/// </summary>
internal sealed class LuceneDocuments
{
    private static readonly FieldType FreqsOnly = Text(IndexOptions.DOCS_AND_FREQS, omitNorms: false);

    // Names: positions for phrases (asker:"Bob Savenberg"), no length norms (a name is a filter, not prose).
    private static readonly FieldType NameType = Text(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS, omitNorms: true);
    private static readonly FieldType PartsType = Text(IndexOptions.DOCS_AND_FREQS, omitNorms: true);
    private static readonly FieldType ThemeType = Text(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS, omitNorms: false);

    private readonly StringField key = new(IndexFields.Key, string.Empty, Field.Store.NO);
    private readonly NumericDocValuesField itemId = new(IndexFields.Item, 0);
    private readonly NumericDocValuesField section = new(IndexFields.Section, 0);
    private static readonly FieldType WholeInt = Numeric(NumericType.INT32, IndexFields.WholeValueStep);
    private static readonly FieldType AmountType = Numeric(NumericType.DOUBLE, IndexFields.AmountStep);
    private static readonly FieldType Positions = Text(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS, omitNorms: false);

    // Text fields take tokens analysed once per document (see TokenListStream).
    private readonly TokenListStream titleTokens = new();
    private readonly TokenListStream bodyTokens = new();
    private readonly TokenListStream contextTokens = new();
    private readonly TokenListStream partsTokens = new();
    private readonly Field title;
    private readonly Field body;
    private readonly Field context;
    private readonly Field parts;
    private readonly TokenListStream askerTokens = new();
    private readonly TokenListStream ministerTokens = new();
    private readonly TokenListStream themeTokens = new();
    private readonly Field asker;
    private readonly Field minister;
    private readonly Int32Field year = new(IndexFields.Year, 0, WholeInt);
    private readonly Int32Field number = new(IndexFields.Number, 0, WholeInt);
    private readonly NumericDocValuesField date = new(IndexFields.Date, 0);
    private readonly DoubleDocValuesField maxAmount = new(IndexFields.MaxAmount, 0);
    private readonly DoubleField maxAmountIndexed = new(IndexFields.MaxAmount, 0, AmountType);
    private readonly SortedDocValuesField askerName = new(IndexFields.AskerName, new BytesRef());
    private readonly SortedDocValuesField ministerName = new(IndexFields.MinisterName, new BytesRef());
    private readonly Field theme;

    // Amount fields reused from item to item (a new numeric field builds a new token stream).
    private readonly List<DoubleField> amounts = [];
    private readonly StringField answerKind = new(IndexFields.AnswerKind, string.Empty, Field.Store.NO);
    private readonly SortedDocValuesField answerKindName = new(IndexFields.AnswerKindName, new BytesRef());
    private readonly StringField sectionFilter = new(IndexFields.SectionFilter, string.Empty, Field.Store.NO);

    public LuceneDocuments()
    {
        title = new Field(IndexFields.Title, titleTokens, Positions);
        body = new Field(IndexFields.Body, bodyTokens, Positions);
        context = new Field(IndexFields.Context, contextTokens, FreqsOnly);
        parts = new Field(IndexFields.Parts, partsTokens, PartsType);
        asker = new Field(IndexFields.Asker, askerTokens, NameType);
        minister = new Field(IndexFields.Minister, ministerTokens, NameType);
        theme = new Field(IndexFields.Theme, themeTokens, ThemeType);
    }

    /// <summary>
    /// The distinct whole words of the records built since the caller last emptied it: the writer
    /// adds the new ones to the record's table of words, where compounds are found by their ends.
    /// </summary>
    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    public static Term KeyTerm(string key) => new(IndexFields.Key, key);

    /// <summary>The whole words of analysed tokens with their position increments, or the hyphen parts.</summary>
    private static IEnumerable<(string, int)> Replay(ImmutableArray<AnalyzedToken> tokens, bool parts)
    {
        var previous = -1;
        foreach (var token in tokens)
        {
            if (token.IsPart == parts)
            {
                yield return (token.Term, Math.Max(token.Position - previous, parts ? 0 : 1));
                previous = token.Position;
            }
        }
    }

    /// <summary>
    /// The documents of a record's items, produced one at a time: the writer indexes each before it
    /// asks for the next, so the fields can be reused. The whole words of the items' text are added
    /// to <see cref="Words"/>.
    /// </summary>
    public IEnumerable<IEnumerable<IIndexableField>> Of(DocumentRecord record)
    {
        key.SetStringValue(record.Key);
        var analysed = new Dictionary<string, ImmutableArray<AnalyzedToken>>(StringComparer.Ordinal);
        ImmutableArray<AnalyzedToken> Tokens(string? text) =>
            string.IsNullOrEmpty(text) ? [] : analysed.TryGetValue(text, out var known) ? known : analysed[text] = DutchAnalyzer.Analyze(text);
        var titleReplay = Replay(Tokens(record.Title), parts: false).ToList();
        // Names and themes are analysed once a document, not once an item (the same chain's whole words).
        var askerReplay = Replay(Tokens(record.Asker), parts: false).ToList();
        var ministerReplay = Replay(Tokens(record.Minister), parts: false).ToList();
        askerName.SetBytesValue(new BytesRef(record.Asker ?? string.Empty));
        ministerName.SetBytesValue(new BytesRef(record.Minister ?? string.Empty));

        // Themes are many a document: one doc-values field each, shared by the document's items.
        var themeReplay = Replay(Tokens(string.Join(". ", record.Themes)), parts: false).ToList();
        var themeNames = record.Themes.Select(t => new SortedSetDocValuesField(IndexFields.ThemeName, new BytesRef(t))).ToList();
        answerKind.SetStringValue(record.AnswerKind ?? string.Empty);
        answerKindName.SetBytesValue(new BytesRef(record.AnswerKind ?? string.Empty));
        if (record.Date is { } d)
        {
            year.SetInt32Value(d.Year);
            date.SetInt64Value(int.Parse(d.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
        else
        {
            date.SetInt64Value(0);
        }

        if (record.Number is { } n)
        {
            number.SetInt32Value(n);
        }

        // Compounds are found by their ends in a table of words rather than a field of reversed
        // words: a field carried every document's distinct words again (as many postings as the text).
        foreach (var item in record.Items)
        {
            foreach (var token in Tokens(item.Text))
            {
                if (!token.IsPart)
                {
                    Words.Add(token.Term);
                }
            }
        }

        foreach (var item in record.Items)
        {
            var document = new Document { key, itemId, section, title, body, context, parts, asker, minister, date, askerName, ministerName, theme, answerKind, answerKindName, sectionFilter };
            foreach (var name in themeNames)
            {
                document.Add(name);
            }

            itemId.SetInt64Value(item.Id);
            section.SetInt64Value((long)item.Section);
            sectionFilter.SetStringValue(SearchIndex.SectionTerm(item.Section));
            var text = Tokens(item.Text);
            titleTokens.Set(titleReplay);
            askerTokens.Set(askerReplay);
            ministerTokens.Set(ministerReplay);
            themeTokens.Set(themeReplay);
            bodyTokens.Set(Replay(text, parts: false));
            partsTokens.Set(Replay(text, parts: true));
            contextTokens.Set(Replay(Tokens(item.Context), parts: false));
            if (record.Date is not null)
            {
                document.Add(year);
            }

            if (record.Number is not null)
            {
                document.Add(number);
            }

            for (var i = 0; i < item.Amounts.Length; i++)
            {
                if (i == amounts.Count)
                {
                    amounts.Add(new DoubleField(IndexFields.Amount, 0, AmountType));
                }

                amounts[i].SetDoubleValue(item.Amounts[i]);
                document.Add(amounts[i]);
            }

            if (item.Amounts.Length > 0)
            {
                maxAmount.SetDoubleValue(item.Amounts.Max());
                maxAmountIndexed.SetDoubleValue(item.Amounts.Max());
                document.Add(maxAmount);
                document.Add(maxAmountIndexed);
            }

            yield return document;
        }
    }

    private static FieldType Numeric(NumericType type, int step)
    {
        var fieldType = new FieldType { IsIndexed = true, IsTokenized = true, OmitNorms = true, IndexOptions = IndexOptions.DOCS_ONLY, NumericType = type, NumericPrecisionStep = step };
        fieldType.Freeze();
        return fieldType;
    }

    private static FieldType Text(IndexOptions options, bool omitNorms)
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = options, OmitNorms = omitNorms };
        type.Freeze();
        return type;
    }
}
