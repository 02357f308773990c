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
    private readonly Int64Field itemIndexed = new(IndexFields.Item, 0, Field.Store.NO);
    private readonly TextField title = new(IndexFields.Title, string.Empty, Field.Store.NO);
    private readonly TextField body = new(IndexFields.Body, string.Empty, Field.Store.NO);
    private readonly Field context = new(IndexFields.Context, string.Empty, FreqsOnly);
    private readonly Field parts = new(IndexFields.Parts, string.Empty, PartsType);
    private readonly Field reversed = new(IndexFields.Reversed, string.Empty, DocsOnly);
    private readonly TextField asker = new(IndexFields.Asker, string.Empty, Field.Store.NO);
    private readonly TextField minister = new(IndexFields.Minister, string.Empty, Field.Store.NO);
    private readonly Int32Field year = new(IndexFields.Year, 0, Field.Store.NO);
    private readonly NumericDocValuesField yearValue = new(IndexFields.Year, 0);
    private readonly Int32Field number = new(IndexFields.Number, 0, Field.Store.NO);
    private readonly NumericDocValuesField date = new(IndexFields.Date, 0);
    private readonly DoubleDocValuesField maxAmount = new(IndexFields.MaxAmount, 0);
    private readonly SortedDocValuesField askerName = new(IndexFields.AskerName, new BytesRef());
    private readonly SortedDocValuesField ministerName = new(IndexFields.MinisterName, new BytesRef());

    public static Term KeyTerm(string key) => new(IndexFields.Key, key);

    /// <summary>
    /// The documents of a record's items, produced one at a time: the writer indexes each before it
    /// asks for the next, so the fields can be reused.
    /// </summary>
    public IEnumerable<IEnumerable<IIndexableField>> Of(DocumentRecord record)
    {
        key.SetStringValue(record.Key);
        title.SetStringValue(record.Title ?? string.Empty);
        asker.SetStringValue(record.Asker ?? string.Empty);
        minister.SetStringValue(record.Minister ?? string.Empty);
        askerName.SetBytesValue(new BytesRef(record.Asker ?? string.Empty));
        ministerName.SetBytesValue(new BytesRef(record.Minister ?? string.Empty));
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

        foreach (var item in record.Items)
        {
            var document = new Document { key, itemId, itemIndexed, title, body, context, parts, reversed, asker, minister, date, askerName, ministerName };
            itemId.SetInt64Value(item.Id);
            itemIndexed.SetInt64Value(item.Id);
            body.SetStringValue(item.Text);
            parts.SetStringValue(item.Text);
            reversed.SetStringValue(item.Text);
            context.SetStringValue(item.Context ?? string.Empty);
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
                document.Add(new DoubleField(IndexFields.Amount, amount, Field.Store.NO));
            }

            if (item.Amounts.Length > 0)
            {
                maxAmount.SetDoubleValue(item.Amounts.Max());
                document.Add(maxAmount);
            }

            yield return document;
        }
    }

    private static FieldType Text(IndexOptions options, bool omitNorms)
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = options, OmitNorms = omitNorms };
        type.Freeze();
        return type;
    }
}
