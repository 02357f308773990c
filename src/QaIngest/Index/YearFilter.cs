using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace QaIngest.Index;

/// <summary>
/// The items whose year lies in a range, answered per document from the segment's array of years
/// (<see cref="SegmentFacts"/>). Meant to be checked at the candidates of the other clauses (see
/// <see cref="QueryExecution.Filtered"/>): as a disjunction of its years, a range of ten years kept
/// ten postings lists in step with every candidate.
/// </summary>
internal sealed class YearFilter(int? from, int? to) : Filter
{
    private readonly int lowest = Math.Max(1, from ?? 1);
    private readonly int highest = to ?? int.MaxValue;

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs) =>
        new Years(SegmentFacts.Years(context.AtomicReader), lowest, highest, acceptDocs);

    public override string ToString() => $"year:[{lowest} TO {highest}]";

    private sealed class Years(short[] years, int lowest, int highest, IBits? acceptDocs) : DocIdSet, IBits
    {
        public override IBits Bits => this;

        public int Length => years.Length;

        public bool Get(int index) => years[index] >= lowest && years[index] <= highest && (acceptDocs is null || acceptDocs.Get(index));

        public override DocIdSetIterator GetIterator() => new BitsIterator(this);
    }
}
