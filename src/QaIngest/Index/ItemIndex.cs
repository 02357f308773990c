using System.Collections.Immutable;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index.Memory;
using Lucene.Net.Search;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// One item in a Lucene.Net.Memory <see cref="MemoryIndex"/>: the fields of its Lucene document,
/// analysed the same way, so a compiled query matches it exactly when it would match it in the
/// index. An item with several amounts is one memory index per amount (a memory index takes a
/// field once), so an <c>amount:</c> range matches when any of its amounts is in range.
/// </summary>
internal sealed class ItemIndex
{
    // The answer kind is one term as written (single-block), as in the index's StringField.
    private static readonly KeywordAnalyzer AsWritten = new();

    private readonly ImmutableArray<MemoryIndex> indexes;

    private ItemIndex(string section, int? number, string text, ImmutableArray<MemoryIndex> indexes)
    {
        Section = section;
        Number = number;
        Text = text;
        this.indexes = indexes;
    }

    public string Section { get; }

    public int? Number { get; }

    public string Text { get; }

    // A memory index answers with the score, not with whether it matched. Filters are compiled with
    // boost 0 (an `amount:` range alone scores 0 and would never match), so the query is wrapped in a
    // constant score of 1: any match scores above 0.
    public bool Matches(Query query)
    {
        var matching = new ConstantScoreQuery(query) { Boost = 1 };
        return indexes.Any(index => index.Search(matching) > 0);
    }

    /// <summary>The items of a document, each in its memory index.</summary>
    public static IEnumerable<ItemIndex> Of(IndexedDocument document)
    {
        var q = document.Question;
        foreach (var (section, number, text, _, context) in SearchIndex.ItemsOf(q))
        {
            var amounts = document.Figures.Where(f => f.IsMoney && SearchIndex.SameItem(f.Location, section, number)).Select(f => (double)f.Value).ToList();
            var builder = ImmutableArray.CreateBuilder<MemoryIndex>();
            foreach (var amount in amounts.Count == 0 ? [(double?)null] : amounts.Select(a => (double?)a))
            {
                var index = new MemoryIndex();
                Add(index, IndexFields.Title, q.Title);
                Add(index, IndexFields.Body, text);
                Add(index, IndexFields.Context, context);
                Add(index, IndexFields.Parts, text);
                Add(index, IndexFields.Asker, q.Asker);
                Add(index, IndexFields.Minister, q.Minister);
                Add(index, IndexFields.Theme, string.Join(". ", document.Themes));
                index.AddField(IndexFields.AnswerKind, DetailsWriter.AnswerKindName(q.AnswerKind), AsWritten);
                index.AddField(IndexFields.SectionFilter, SearchIndex.SectionTerm(section), AsWritten);
                if (q.Date is { } date)
                {
                    index.AddField(IndexFields.Year, new NumericTokenStream(IndexFields.WholeValueStep).SetInt32Value(date.Year));
                }

                if (q.Number is { } n)
                {
                    index.AddField(IndexFields.Number, new NumericTokenStream(IndexFields.WholeValueStep).SetInt32Value(n));
                }

                if (amount is { } value)
                {
                    index.AddField(IndexFields.Amount, new NumericTokenStream(IndexFields.AmountStep).SetDoubleValue(value));
                }

                builder.Add(index);
            }

            yield return new ItemIndex(SearchIndex.SectionName(section), number, text, builder.ToImmutable());
        }
    }

    private static void Add(MemoryIndex index, string field, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            index.AddField(field, text, ItemAnalyzer.Instance);
        }
    }
}
