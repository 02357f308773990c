using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace QaIngest.Index;

/// <summary>
/// Replays terms analysed before (by <see cref="QaIngest.Search.ItemAnalyzer"/>'s chain): a text is
/// analysed once per document and its tokens go to several fields (the text, its hyphen parts, the
/// answered question of an answer, the title of every item), where analysing per field did it up
/// to ten times.
/// </summary>
internal sealed class TokenListStream : TokenStream
{
    private readonly ICharTermAttribute term;
    private readonly IPositionIncrementAttribute increment;
    private readonly List<(string Term, int Increment)> tokens = [];
    private int next;

    public TokenListStream()
    {
        term = AddAttribute<ICharTermAttribute>();
        increment = AddAttribute<IPositionIncrementAttribute>();
    }

    /// <summary>Replaces the tokens to replay.</summary>
    public TokenListStream Set(IEnumerable<(string Term, int Increment)> replay)
    {
        tokens.Clear();
        tokens.AddRange(replay);
        next = 0;
        return this;
    }

    public override bool IncrementToken()
    {
        if (next >= tokens.Count)
        {
            return false;
        }

        ClearAttributes();
        var (text, step) = tokens[next++];
        term.SetEmpty().Append(text);
        increment.PositionIncrement = step;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        next = 0;
    }
}
