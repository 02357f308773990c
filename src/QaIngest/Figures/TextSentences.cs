namespace QaIngest.Figures;

/// <summary>
/// The sentences of one text, found on its tokens: a paragraph break ends a sentence, and so does
/// a <c>.</c>, <c>?</c> or <c>!</c> followed by a space, unless the period closes an abbreviation
/// ("nr. 264", "vb. revalidatiecentra", "i.e."). The next word need not be a capital: in
/// "€ 93.167.648. dit bedrag omvat" the sentence ends after the amount all the same.
/// </summary>
internal sealed class TextSentences
{
    private readonly string _text;
    private readonly List<FigureToken> _tokens;
    private readonly List<int> _firstTokens = [];
    private readonly List<bool> _moneyContext = [];

    public TextSentences(string text, List<FigureToken> tokens)
    {
        _text = text;
        _tokens = tokens;
        var startNew = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (startNew || token.NewlineBefore)
            {
                _firstTokens.Add(i);
                _moneyContext.Add(false);
                startNew = false;
            }

            if (token.Kind == FigureTokenKind.Word && !_moneyContext[^1] && IsMoneyWord(token.Span(text)))
            {
                _moneyContext[^1] = true;
            }

            if (token.Kind == FigureTokenKind.Symbol && text[token.Start] is '.' or '?' or '!' or '…' && !ClosesAbbreviation(i))
            {
                // Closing quotes and brackets after the terminator still belong to the sentence.
                var k = i + 1;
                while (k < tokens.Count && !tokens[k].SpaceBefore && tokens[k].Kind == FigureTokenKind.Symbol
                    && text[tokens[k].Start] is '"' or '”' or '’' or '\'' or ')' or '»')
                {
                    k++;
                }

                if (k < tokens.Count && tokens[k].SpaceBefore)
                {
                    i = k - 1;
                    startNew = true;
                }
            }
        }
    }

    public int Count => _firstTokens.Count;

    /// <summary>The index of the sentence that holds the character at <paramref name="position"/>.</summary>
    public int IndexAt(int position)
    {
        int lo = 0, hi = _firstTokens.Count - 1, found = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_tokens[_firstTokens[mid]].Start <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    public (int First, int Last) TokenRange(int sentence) =>
        (_firstTokens[sentence], sentence + 1 < _firstTokens.Count ? _firstTokens[sentence + 1] - 1 : _tokens.Count - 1);

    public int StartOf(int sentence) => _tokens[_firstTokens[sentence]].Start;

    public int EndOf(int sentence) => _tokens[TokenRange(sentence).Last].End;

    public string Text(int sentence) => _firstTokens.Count == 0 ? "" : _text[StartOf(sentence)..EndOf(sentence)].Trim();

    /// <summary>True when the sentence holding token <paramref name="token"/> speaks of money ("budget", "kost").</summary>
    public bool HasMoneyContext(int token) => _moneyContext[IndexAt(_tokens[token].Start)];

    private static bool IsMoneyWord(ReadOnlySpan<char> word) =>
        FigureLexicon.MoneyContextWords.Contains(word)
        || word.Contains("budget", StringComparison.OrdinalIgnoreCase)
        || word.Contains("subsidie", StringComparison.OrdinalIgnoreCase)
        || word.Contains("krediet", StringComparison.OrdinalIgnoreCase);

    private bool ClosesAbbreviation(int dot)
    {
        if (dot == 0 || _tokens[dot].SpaceBefore)
        {
            return false;
        }

        var before = _tokens[dot - 1];
        return before.Kind == FigureTokenKind.Word && FigureLexicon.Abbreviations.Contains(before.Span(_text));
    }
}
