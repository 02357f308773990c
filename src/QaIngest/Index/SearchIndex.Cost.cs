using Lucene.Net.Index;
using Lucene.Net.Search;
using QaIngest.Search;

namespace QaIngest.Index;

/// <content>
/// What a search is expected to cost, from the index's term statistics only, so a server can run
/// cheap searches before expensive ones that wait (see QaIngest.Web's AdmissionQueue).
/// </content>
public sealed partial class SearchIndex
{
    /// <summary>
    /// The expected cost of <see cref="Search"/> for <paramref name="request"/>, in postings read (a
    /// relative measure: only the order of two costs means something): the items of every term
    /// the query names, all the items for a prefix, and the expected matches once more when facets
    /// are counted over them. Parses and compiles the query and reads
    /// the doc freqs, nothing more; a query that does not parse or compile costs 0 (its search fails at
    /// once). Never throws for a bad query.
    /// </summary>
    public long Cost(SearchRequest request)
    {
        var (node, parseError) = QueryParser.Parse(request.Query);
        if (parseError is not null)
        {
            return 0;
        }

        CompiledQuery? q;
        try
        {
            (q, var compileError) = QueryCompiler.Compile(node!);
            if (compileError is not null)
            {
                return 0;
            }
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            return 0;
        }

        var manager = Searchers();
        var searcher = manager.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var states = new TermStates(reader);
            var terms = q!.RequiredTerms.SelectMany(t => t)
                .Concat(q.Terms.Select(t => new Term(IndexFields.Body, t)))
                .Distinct();
            var postings = terms.Sum(t => (long)states.DocFreq(t));
            // A prefix stands for many words, each with its postings. A query of filters only
            // (amount:>=N) names no terms and costs about 1 ms: it reads the amounts' order, not postings.
            if (q.Prefixes.Length > 0)
            {
                postings += reader.MaxDoc;
            }

            if (request.Facets)
            {
                postings += Estimate(states, q);
            }

            return postings;
        }
        finally
        {
            manager.Release(searcher);
        }
    }
}
