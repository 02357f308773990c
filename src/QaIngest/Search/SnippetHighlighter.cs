using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using LuceneHighlighter = Lucene.Net.Search.Highlight.Highlighter;

namespace QaIngest.Search;

/// <summary>
/// Snippets with Lucene.Net.Highlighter: the best fragment of about 240 characters, every match
/// marked «thus». The text is analysed by <see cref="ItemAnalyzer"/> (whole words and the parts of
/// hyphenated words), so stemmed, folded, compound, prefix and part matches are marked too.
/// </summary>
public static class SnippetHighlighter
{
    public const int MaxLength = 240;

    /// <summary>
    /// The query the highlighter scores tokens by, on the highlight field: the query's terms, and for
    /// each prefix the terms of <paramref name="texts"/> (the texts to be highlighted with it) that
    /// start with it. Given a prefix query, Lucene's highlighter finds those terms itself by indexing
    /// each text in memory (a MemoryIndex per snippet, most of a prefix search's snippet cost); the
    /// texts' analysed terms are the same terms, so the same tokens are marked.
    /// </summary>
    public static Query Query(IEnumerable<string> terms, IEnumerable<string> prefixes, IEnumerable<string> texts)
    {
        var all = new HashSet<string>(terms, StringComparer.Ordinal);
        var starts = prefixes.Distinct(StringComparer.Ordinal).ToList();
        if (starts.Count > 0)
        {
            // An empty text is never highlighted (see Snippet).
            foreach (var text in texts.Where(t => t.Length > 0))
            {
                foreach (var token in DutchAnalyzer.Analyze(text))
                {
                    if (starts.Any(p => token.Term.StartsWith(p, StringComparison.Ordinal)))
                    {
                        all.Add(token.Term);
                    }
                }
            }
        }

        var query = new BooleanQuery(disableCoord: true);
        foreach (var term in all)
        {
            query.Add(new Lucene.Net.Search.TermQuery(new Term(ItemAnalyzer.HighlightField, term)), Occur.SHOULD);
        }

        return query;
    }

    public static string Snippet(string text, Query query, int maxLength = MaxLength)
    {
        string? fragment = null;
        // An empty item (a label with no text after it) has nothing to mark, and Lucene's highlighter throws on it.
        if (text.Length > 0 && ((BooleanQuery)query).Clauses.Count > 0)
        {
            var scorer = new QueryScorer(query, ItemAnalyzer.HighlightField);
            var highlighter = new LuceneHighlighter(new SimpleHTMLFormatter("«", "»"), scorer)
            {
                TextFragmenter = new SimpleSpanFragmenter(scorer, maxLength),
            };
            fragment = highlighter.GetBestFragment(ItemAnalyzer.Instance, ItemAnalyzer.HighlightField, text);
        }

        if (fragment is null)
        {
            // No match in the text itself (a title or context match): its beginning, cut at a space.
            var to = Math.Min(text.Length, maxLength);
            while (to < text.Length && to > 0 && !char.IsWhiteSpace(text[to - 1]))
            {
                to--;
            }

            to = to == 0 ? Math.Min(text.Length, maxLength) : to;
            return (text[..to].TrimEnd() + (to < text.Length ? "…" : string.Empty)).Replace('\n', ' ');
        }

        var plain = fragment.Replace("«", string.Empty, StringComparison.Ordinal).Replace("»", string.Empty, StringComparison.Ordinal);
        var start = text.IndexOf(plain, StringComparison.Ordinal);
        var trimmed = fragment.Trim();
        var before = start > 0 ? "…" : string.Empty;
        var after = start >= 0 && start + plain.Length < text.TrimEnd().Length ? "…" : string.Empty;
        return (before + trimmed + after).Replace('\n', ' ');
    }
}
