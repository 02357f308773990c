using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace QaIngest.Index;

/// <summary>
/// The documents that hold none of a set of terms (a negated word over its fields), answered at the
/// candidates of the other clauses (see <see cref="QueryExecution.Filtered"/>), in document order:
/// each term's postings are advanced to the candidate along skip lists, without frequencies, the
/// term in most documents first, and the check stops at the first term found. As a prohibited
/// clause, a common negated word was kept in step with every candidate in all its fields, its
/// frequencies decoded.
/// </summary>
internal sealed class WithoutTermsFilter(IReadOnlyList<Term> terms) : Filter
{
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        // One terms enumerator a term, left on it: its postings can be started again.
        var found = new List<TermsEnum>();
        foreach (var term in terms)
        {
            var e = reader.GetTerms(term.Field)?.GetEnumerator();
            if (e is not null && e.SeekExact(term.Bytes))
            {
                found.Add(e);
            }
        }

        found.Sort((a, b) => b.DocFreq.CompareTo(a.DocFreq));
        return new Without(reader.MaxDoc, [.. found], acceptDocs);
    }

    public override string ToString() => "-(" + string.Join(' ', terms) + ")";

    private sealed class Without(int maxDoc, TermsEnum[] terms, IBits? acceptDocs) : DocIdSet, IBits
    {
        private readonly DocsEnum[] postings = new DocsEnum[terms.Length];
        private int last = int.MaxValue;

        public override IBits Bits => this;

        public int Length => maxDoc;

        public bool Get(int index)
        {
            if (acceptDocs is not null && !acceptDocs.Get(index))
            {
                return false;
            }

            // Postings only move forward: a document before the last one asked for starts them again.
            if (index < last)
            {
                for (var i = 0; i < terms.Length; i++)
                {
                    postings[i] = terms[i].Docs(null, postings[i], DocsFlags.NONE);
                }
            }

            last = index;
            foreach (var docs in postings)
            {
                var at = docs.DocID < index ? docs.Advance(index) : docs.DocID;
                if (at == index)
                {
                    return false;
                }
            }

            return true;
        }

        public override DocIdSetIterator GetIterator() => new BitsIterator(this);
    }
}
