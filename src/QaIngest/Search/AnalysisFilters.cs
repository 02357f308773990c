using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

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
