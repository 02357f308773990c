using System.Globalization;
using System.IO;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace QaIngest.Search;

/// <summary>
/// The project's word boundaries as a Lucene tokenizer: a word runs over letters and digits, over a
/// hyphen between two of them (<c>re-integratie</c>, <c>VDAB-partnerschappen</c>) and over '.' or ','
/// between digits (<c>266.225.260</c>). Lucene's standard tokenizer splits all three. A word is
/// emitted whole (hyphens and digit groupings dropped, a number cut at its decimal comma), its
/// hyphen parts (type <see cref="PartType"/>, at the whole word's position), or both.
/// Single letters are not words.
/// </summary>
internal sealed class WordTokenizer : Tokenizer
{
    public const string WordType = "word";
    public const string PartType = "part";

    private readonly bool wholeWords;
    private readonly bool parts;
    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private readonly IPositionIncrementAttribute increment;
    private readonly ITypeAttribute type;
    private readonly List<(int Start, int End)> pendingParts = [];
    private string text = string.Empty;
    private int cursor;
    private int pendingIndex;
    private int finalOffset;
    private bool wordEmitted;

    public WordTokenizer(TextReader reader, bool wholeWords, bool parts)
        : base(reader)
    {
        this.wholeWords = wholeWords;
        this.parts = parts;
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
        increment = AddAttribute<IPositionIncrementAttribute>();
        type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        while (true)
        {
            if (pendingIndex < pendingParts.Count)
            {
                var (start, end) = pendingParts[pendingIndex++];
                SetTerm(start, end, stripJoiners: false);
                increment.PositionIncrement = wordEmitted ? 0 : 1;
                wordEmitted = true;
                type.Type = PartType;
                return true;
            }

            pendingParts.Clear();
            pendingIndex = 0;
            wordEmitted = false;
            while (cursor < text.Length && !char.IsLetterOrDigit(text[cursor]))
            {
                cursor++;
            }

            if (cursor >= text.Length)
            {
                return false;
            }

            var wordStart = cursor;
            var wordEnd = ScanWord(text, cursor);
            cursor = wordEnd;
            var isNumber = char.IsAsciiDigit(text[wordStart]);
            if (isNumber)
            {
                // "24.000.000,00": the integer part is the number people search for.
                var comma = text.IndexOf(',', wordStart, wordEnd - wordStart);
                if (comma > wordStart)
                {
                    wordEnd = comma;
                }
            }

            if (parts && !isNumber)
            {
                var partStart = wordStart;
                var hyphenated = false;
                for (var k = wordStart; k <= wordEnd; k++)
                {
                    if (k < wordEnd && text[k] is not ('-' or '‐'))
                    {
                        continue;
                    }

                    hyphenated |= k < wordEnd;
                    if (k - partStart > 1)
                    {
                        pendingParts.Add((partStart, k));
                    }

                    partStart = k + 1;
                }

                if (!hyphenated)
                {
                    pendingParts.Clear();
                }
            }

            var letters = Letters(wordStart, wordEnd);
            if (wholeWords && (letters > 1 || isNumber))
            {
                SetTerm(wordStart, wordEnd, stripJoiners: true);
                increment.PositionIncrement = 1;
                type.Type = WordType;
                wordEmitted = true;
                return true;
            }
        }
    }

    public override void Reset()
    {
        base.Reset();
        text = m_input.ReadToEnd();
        cursor = 0;
        pendingParts.Clear();
        pendingIndex = 0;
        wordEmitted = false;
        finalOffset = CorrectOffset(text.Length);
    }

    public override void End()
    {
        base.End();
        offset.SetOffset(finalOffset, finalOffset);
    }

    private int Letters(int start, int end)
    {
        var n = 0;
        for (var i = start; i < end; i++)
        {
            n += char.IsLetterOrDigit(text[i]) ? 1 : 0;
        }

        return n;
    }

    private void SetTerm(int start, int end, bool stripJoiners)
    {
        term.SetEmpty();
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (!stripJoiners || c is not ('-' or '‐' or '.' or ','))
            {
                term.Append(c);
            }
        }

        offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
    }

    /// <summary>Where the word starting at <paramref name="i"/> ends (exclusive).</summary>
    private static int ScanWord(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                i++;
                continue;
            }

            var joins = i + 1 < text.Length && i > 0
                && ((c is '-' or '‐' && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]))
                    || (c is '.' or ',' && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1])));
            if (!joins)
            {
                break;
            }

            i++;
        }

        return i;
    }
}
