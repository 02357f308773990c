using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace QaIngest.Search;

/// <summary>
/// <see cref="ItemAnalyzer"/>'s chain as a list of tokens, for what works on analysed text outside
/// the index: ranking by coverage, query words, prefixes. Thread-safe.
/// </summary>
public static class DutchAnalyzer
{
    [ThreadStatic]
    private static DutchStemmer? stemmer;

    // The terms analysis produced (bounded, emptied when full; shared by threads): a term is one
    // string however often it occurs, so analysing an item allocates a string for a new word only.
    private const int MaxTerms = 100_000;
    private static readonly ConcurrentDictionary<string, string> Terms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TermLookup = Terms.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int termsAdded;

    /// <summary>Analyses text into terms in reading order, with their offsets: whole words and the parts of hyphenated words.</summary>
    public static ImmutableArray<AnalyzedToken> Analyze(string text)
    {
        // About one token for every seven characters of Dutch prose: the builder rarely grows.
        var tokens = ImmutableArray.CreateBuilder<AnalyzedToken>(Math.Max(4, text.Length / 7));
        using var stream = ItemAnalyzer.Instance.GetTokenStream(ItemAnalyzer.HighlightField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(Intern(term.Buffer.AsSpan(0, term.Length)), offset.StartOffset, offset.EndOffset - offset.StartOffset, Math.Max(0, position), type.Type == WordTokenizer.PartType));
        }

        stream.End();
        return tokens.DrainToImmutable();
    }

    private static string Intern(ReadOnlySpan<char> term)
    {
        if (TermLookup.TryGetValue(term, out var known))
        {
            return known;
        }

        if (Interlocked.Increment(ref termsAdded) > MaxTerms)
        {
            Terms.Clear();
            Interlocked.Exchange(ref termsAdded, 0);
        }

        var text = term.ToString();
        return Terms.GetOrAdd(text, text);
    }

    /// <summary>The term a single query word stands for, or null for a stop word or a word with no letters or digits.</summary>
    public static string? Term(string word)
    {
        var tokens = Analyze(word);
        return tokens.FirstOrDefault(t => !t.IsPart).Term;
    }

    /// <summary>
    /// The indexed-term prefix a query prefix (<c>traject*</c>) stands for: lower case without accents
    /// or joiners, stemmed when stemming shortens it ("trajecten*" → "traject"), never dropped as a stop word.
    /// </summary>
    public static string PrefixTerm(string word)
    {
        var sb = new StringBuilder(word.Length);
        foreach (var c in word.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        var lower = sb.ToString();
        if (lower.Length == 0)
        {
            return lower;
        }

        var stem = Fold(char.IsAsciiDigit(lower[0]) ? lower : Stem(lower));
        var folded = Fold(lower);
        return stem.Length < folded.Length ? stem : folded;
    }

    /// <summary>Snowball's Dutch stem of a lower-case word (the stemmer of the chain).</summary>
    public static string Stem(string word)
    {
        stemmer ??= new DutchStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static string Fold(string word)
    {
        var output = new char[word.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(word.ToCharArray(), 0, output, 0, word.Length);
        return new string(output, 0, length);
    }
}
