using Lucene.Net.Search;
using Lucene.Net.Util;

namespace QaIngest.Index;

/// <summary>
/// The documents of a random-access set (<see cref="IBits"/>) in order, tested one by one: for the
/// filters that are checked at the matches of a query (years, negated words) and are iterated only
/// when Lucene asks for an iterator anyway.
/// </summary>
internal sealed class BitsIterator(IBits bits) : DocIdSetIterator
{
    private int doc = -1;

    public override int DocID => doc;

    public override int NextDoc() => Advance(doc + 1);

    public override int Advance(int target)
    {
        for (doc = target; doc < bits.Length; doc++)
        {
            if (bits.Get(doc))
            {
                return doc;
            }
        }

        return doc = NO_MORE_DOCS;
    }

    public override long GetCost() => bits.Length;
}
