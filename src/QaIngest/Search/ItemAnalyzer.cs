using System.IO;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace QaIngest.Search;

/// <summary>
/// The analysis chain of every text field: <see cref="WordTokenizer"/>, lower case, the Snowball
/// Dutch stop words, the Snowball Dutch stemmer (numbers kept), accent folding, stop gaps closed.
/// Not Lucene's <c>DutchAnalyzer</c>: for LUCENE_48 its stem-override dictionary is corrupt
/// (kinds → kinder). <see cref="IndexFields.Parts"/> gets the parts of hyphenated words,
/// <see cref="HighlightField"/> both whole words and parts; every other field the whole words.
/// </summary>
public sealed class ItemAnalyzer : Analyzer
{
    /// <summary>The pseudo-field the highlighter analyses text under: whole words and parts, so both are marked.</summary>
    public const string HighlightField = "highlight";

    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The Snowball Dutch stop words (101), Lucene's own list.</summary>
    public static CharArraySet StopWords => Lucene.Net.Analysis.Nl.DutchAnalyzer.DefaultStopSet;

    /// <summary>One analyzer serves every thread (Lucene keeps a chain per thread and field).</summary>
    public static readonly ItemAnalyzer Instance = new();

    private ItemAnalyzer()
        : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    /// <summary>The stemming part of the chain: numbers marked as keywords, then Snowball's Dutch stemmer (with a memo of the words it stemmed).</summary>
    public static TokenStream Stem(TokenStream input) => new StemMemoFilter(new NumberKeywordFilter(input));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new WordTokenizer(reader, wholeWords: fieldName != IndexFields.Parts, parts: fieldName is IndexFields.Parts or HighlightField);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new StopFilter(Version, stream, StopWords);
        stream = Stem(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new ClosedGapsFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
