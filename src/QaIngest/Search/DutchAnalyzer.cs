using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace QaIngest.Search;

/// <summary>
/// The analysis Lucene's Dutch analyzer would do, done before text reaches SQLite FTS5: words and
/// numbers as tokens (hyphenated words whole and as their parts, Dutch-grouped numbers as one
/// token), lower case, accents folded, Snowball Dutch stop words dropped, Snowball Dutch stems.
/// Pure and thread-safe.
/// </summary>
public static class DutchAnalyzer
{
    /// <summary>Analyses text into terms in reading order, with their offsets.</summary>
    public static ImmutableArray<AnalyzedToken> Analyze(string text)
    {
        var tokens = ImmutableArray.CreateBuilder<AnalyzedToken>();
        var position = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var end = ScanWord(text, i);
            AddWord(text, start, end, ref position, tokens);
            i = end;
        }

        return tokens.ToImmutable();
    }

    /// <summary>The term a single query word stands for, or null for a stop word or a word with no letters or digits.</summary>
    public static string? Term(string word)
    {
        var tokens = Analyze(word);
        return tokens.FirstOrDefault(t => !t.IsPart).Term;
    }

    /// <summary>Lower case without accents or hyphens: "Geëvalueerd" → "geevalueerd". No stemming.</summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        var ascii = true;
        foreach (var c in word)
        {
            if (c > 127)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
            var n = 0;
            foreach (var c in word)
            {
                if (c is not ('-' or '.' or ',' or '\''))
                {
                    buffer[n++] = char.ToLowerInvariant(c);
                }
            }

            return new string(buffer[..n]);
        }

        var decomposed = word.ToString().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    // Stems of words seen before: a vocabulary repeats, and stemming is a third of the analysis.
    // Bounded, so a stream of new words cannot grow it without end.
    private const int MaxCachedStems = 150_000;
    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);
    private static int cachedStems;

    /// <summary>Stems a folded word; numbers are kept as they are.</summary>
    public static string StemFolded(string folded)
    {
        if (folded.Length > 0 && char.IsAsciiDigit(folded[0]))
        {
            return folded;
        }

        if (Stems.TryGetValue(folded, out var stem))
        {
            return stem;
        }

        stem = DutchStemmer.Stem(folded);
        if (Volatile.Read(ref cachedStems) < MaxCachedStems && Stems.TryAdd(folded, stem))
        {
            Interlocked.Increment(ref cachedStems);
        }

        return stem;
    }

    /// <summary>
    /// A word runs over letters and digits, over a hyphen or apostrophe-free joiner between two of
    /// them ("re-integratie", "VDAB-partnerschappen"), and over '.' or ',' between digits
    /// ("266.225.260", "1,5").
    /// </summary>
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

    private static void AddWord(string text, int start, int end, ref int position, ImmutableArray<AnalyzedToken>.Builder tokens)
    {
        var word = text.AsSpan(start, end - start);
        var isNumber = char.IsAsciiDigit(word[0]);
        if (isNumber && word.IndexOf(',') > 0)
        {
            // "24.000.000,00": the integer part is the number people search for.
            end = start + word.IndexOf(',');
            word = word[..word.IndexOf(',')];
        }

        var whole = Fold(word);
        if (whole.Length == 0 || (whole.Length == 1 && !isNumber))
        {
            return;
        }

        var wholeTerm = !isNumber && DutchStopWords.IsStopWord(whole) ? null : StemFolded(whole);
        if (wholeTerm is not null)
        {
            tokens.Add(new AnalyzedToken(wholeTerm, start, end - start, position, false));
        }

        var hyphen = isNumber ? -1 : word.IndexOfAny('-', '‐');
        if (hyphen > 0)
        {
            // The parts of a hyphenated word, so "integratie" finds "re-integratie".
            var partStart = 0;
            for (var k = 0; k <= word.Length; k++)
            {
                if (k < word.Length && word[k] is not ('-' or '‐'))
                {
                    continue;
                }

                var part = Fold(word[partStart..k]);
                if (part.Length > 1 && !DutchStopWords.IsStopWord(part))
                {
                    tokens.Add(new AnalyzedToken(StemFolded(part), start + partStart, k - partStart, position, true));
                }

                partStart = k + 1;
            }
        }

        if (wholeTerm is not null || hyphen > 0)
        {
            position++;
        }
    }
}
