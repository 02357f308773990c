using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace QaIngest.Search;

/// <summary>
/// Marks numbers as keywords, so the stemmer leaves them as they are ("2021", "266225260").
/// </summary>
internal sealed class NumberKeywordFilter : TokenFilter
{
    private readonly ICharTermAttribute term;
    private readonly IKeywordAttribute keyword;

    public NumberKeywordFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (term.Length > 0 && char.IsAsciiDigit(term.Buffer[0]))
        {
            keyword.IsKeyword = true;
        }

        return true;
    }
}

/// <summary>
/// Closes the gaps the stop filter leaves, as the index did before Lucene: stop words are not
/// there at all, so a phrase matches across them ("kosten begeleiding" finds "kosten van de
/// begeleiding") and a query phrase with a stop word in it still finds its words side by side.
/// </summary>
internal sealed class ClosedGapsFilter : TokenFilter
{
    private readonly IPositionIncrementAttribute increment;

    public ClosedGapsFilter(TokenStream input)
        : base(input) => increment = AddAttribute<IPositionIncrementAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (increment.PositionIncrement > 1)
        {
            increment.PositionIncrement = 1;
        }

        return true;
    }
}

/// <summary>
/// Snowball's Dutch stemmer, as Lucene's <c>SnowballFilter</c> applies it (keywords left alone),
/// with a memo of the words stemmed: words follow Zipf's law, so most tokens are words stemmed
/// before and a lookup replaces the stemmer's passes (several percent of indexing's CPU). One memo
/// for every chain and thread (bounded, emptied when full), so its memory does not grow with threads.
/// </summary>
internal sealed class StemMemoFilter : TokenFilter
{
    private const int MaxWords = 100_000;

    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Stems.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int added;

    private readonly DutchStemmer stemmer = new();
    private readonly ICharTermAttribute term;
    private readonly IKeywordAttribute keyword;

    public StemMemoFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (keyword.IsKeyword)
        {
            return true;
        }

        if (!Lookup.TryGetValue(term.Buffer.AsSpan(0, term.Length), out var stem))
        {
            var word = new string(term.Buffer, 0, term.Length);
            stemmer.SetCurrent(term.Buffer, term.Length);
            stemmer.Stem();
            stem = stemmer.CurrentBufferLength == word.Length && stemmer.CurrentBuffer.AsSpan(0, word.Length).SequenceEqual(word)
                ? word
                : new string(stemmer.CurrentBuffer, 0, stemmer.CurrentBufferLength);
            if (Interlocked.Increment(ref added) > MaxWords)
            {
                Stems.Clear();
                Interlocked.Exchange(ref added, 0);
            }

            Stems.TryAdd(word, stem);
        }

        if (!term.Buffer.AsSpan(0, term.Length).SequenceEqual(stem))
        {
            term.SetEmpty().Append(stem);
        }

        return true;
    }
}
