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
    private static readonly FieldType PartsType = Text(IndexOptions.DOCS_AND_FREQS, omitNorms: true);
    private static readonly FieldType DocsOnly = Text(IndexOptions.DOCS_ONLY, omitNorms: true);

    private readonly StringField key = new(IndexFields.Key, string.Empty, Field.Store.NO);
    private readonly NumericDocValuesField itemId = new(IndexFields.Item, 0);
    private static readonly FieldType ItemType = Numeric(NumericType.INT64, IndexFields.ItemStep);
    private static readonly FieldType WholeInt = Numeric(NumericType.INT32, IndexFields.WholeValueStep);
    private static readonly FieldType AmountType = Numeric(NumericType.DOUBLE, IndexFields.AmountStep);

    private readonly Int64Field itemIndexed = new(IndexFields.Item, 0, ItemType);
    private static readonly FieldType Positions = Text(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS, omitNorms: false);

    // Text fields take tokens analysed once per document (see TokenListStream).
    private readonly TokenListStream titleTokens = new();
    private readonly TokenListStream bodyTokens = new();
    private readonly TokenListStream contextTokens = new();
    private readonly TokenListStream partsTokens = new();
    private readonly TokenListStream reversedTokens = new();
    private readonly Field title;
    private readonly Field body;
    private readonly Field context;
    private readonly Field parts;
    private readonly Field reversed;
    private readonly TextField asker = new(IndexFields.Asker, string.Empty, Field.Store.NO);
    private readonly TextField minister = new(IndexFields.Minister, string.Empty, Field.Store.NO);
    private readonly Int32Field year = new(IndexFields.Year, 0, WholeInt);
    private readonly NumericDocValuesField yearValue = new(IndexFields.Year, 0);
    private readonly Int32Field number = new(IndexFields.Number, 0, WholeInt);
    private readonly NumericDocValuesField date = new(IndexFields.Date, 0);
    private readonly DoubleDocValuesField maxAmount = new(IndexFields.MaxAmount, 0);
    private readonly DoubleField maxAmountIndexed = new(IndexFields.MaxAmount, 0, AmountType);
    private readonly SortedDocValuesField askerName = new(IndexFields.AskerName, new BytesRef());
    private readonly SortedDocValuesField ministerName = new(IndexFields.MinisterName, new BytesRef());
    private readonly TextField theme = new(IndexFields.Theme, string.Empty, Field.Store.NO);
    private readonly StringField answerKind = new(IndexFields.AnswerKind, string.Empty, Field.Store.NO);
    private readonly SortedDocValuesField answerKindName = new(IndexFields.AnswerKindName, new BytesRef());

    public LuceneDocuments()
    {
        title = new Field(IndexFields.Title, titleTokens, Positions);
        body = new Field(IndexFields.Body, bodyTokens, Positions);
        context = new Field(IndexFields.Context, contextTokens, FreqsOnly);
        parts = new Field(IndexFields.Parts, partsTokens, PartsType);
        reversed = new Field(IndexFields.Reversed, reversedTokens, DocsOnly);
    }

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
    /// asks for the next, so the fields can be reused.
    /// </summary>
    public IEnumerable<IEnumerable<IIndexableField>> Of(DocumentRecord record)
    {
        key.SetStringValue(record.Key);
        var analysed = new Dictionary<string, ImmutableArray<AnalyzedToken>>(StringComparer.Ordinal);
        ImmutableArray<AnalyzedToken> Tokens(string? text) =>
            string.IsNullOrEmpty(text) ? [] : analysed.TryGetValue(text, out var known) ? known : analysed[text] = DutchAnalyzer.Analyze(text);
        var titleReplay = Replay(Tokens(record.Title), parts: false).ToList();
        asker.SetStringValue(record.Asker ?? string.Empty);
        minister.SetStringValue(record.Minister ?? string.Empty);
        askerName.SetBytesValue(new BytesRef(record.Asker ?? string.Empty));
        ministerName.SetBytesValue(new BytesRef(record.Minister ?? string.Empty));

        // Themes are many a document: one doc-values field each, shared by the document's items.
        theme.SetStringValue(string.Join(". ", record.Themes));
        var themeNames = record.Themes.Select(t => new SortedSetDocValuesField(IndexFields.ThemeName, new BytesRef(t))).ToList();
        answerKind.SetStringValue(record.AnswerKind ?? string.Empty);
        answerKindName.SetBytesValue(new BytesRef(record.AnswerKind ?? string.Empty));
        if (record.Date is { } d)
        {
            year.SetInt32Value(d.Year);
            yearValue.SetInt64Value(d.Year);
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

        // The field of reversed terms only serves as a vocabulary (compounds by their end, ranked by
        // how many documents have them): the first item carries every item's words, the others none.
        var vocabulary = record.Items.SelectMany(i => Tokens(i.Text)).Where(t => !t.IsPart).Select(t => t.Term).Distinct(StringComparer.Ordinal)
            .Select(t => (new string([.. t.Reverse()]), 1)).ToList();
        var first = true;
        foreach (var item in record.Items)
        {
            var document = new Document { key, itemId, itemIndexed, title, body, context, parts, reversed, asker, minister, date, askerName, ministerName, theme, answerKind, answerKindName };
            foreach (var name in themeNames)
            {
                document.Add(name);
            }

            itemId.SetInt64Value(item.Id);
            itemIndexed.SetInt64Value(item.Id);
            var text = Tokens(item.Text);
            titleTokens.Set(titleReplay);
            bodyTokens.Set(Replay(text, parts: false));
            partsTokens.Set(Replay(text, parts: true));
            contextTokens.Set(Replay(Tokens(item.Context), parts: false));
            reversedTokens.Set(first ? vocabulary : []);
            first = false;
            if (record.Date is not null)
            {
                document.Add(year);
                document.Add(yearValue);
            }

            if (record.Number is not null)
            {
                document.Add(number);
            }

            foreach (var amount in item.Amounts)
            {
                document.Add(new DoubleField(IndexFields.Amount, amount, AmountType));
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
