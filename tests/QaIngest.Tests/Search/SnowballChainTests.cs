using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using QaIngest.Search;

namespace QaIngest.Tests.Search;

/// <summary>The stemming of the index's Lucene chain (<see cref="ItemAnalyzer.Stem"/>: Snowball's Dutch stemmer) against the official Snowball vocabulary.</summary>
public class SnowballChainTests
{
    private const int VocabularySize = 45_670;

    private static readonly string FixtureDirectory =
        Path.Combine(AppContext.BaseDirectory, "Search", "Fixtures", "snowball-dutch");

    private static readonly Analyzer Chain = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new KeywordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, ItemAnalyzer.Stem(tokenizer));
    });

    private static string Stem(string word)
    {
        using var stream = Chain.GetTokenStream("body", word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var result = stream.IncrementToken() ? term.ToString() : string.Empty;
        stream.End();
        return result;
    }

    [Fact]
    public void Stem_SnowballVocabulary_MatchesEveryPublishedStem()
    {
        var words = File.ReadAllLines(Path.Combine(FixtureDirectory, "voc.txt"));
        var stems = File.ReadAllLines(Path.Combine(FixtureDirectory, "output.txt"));
        Assert.Equal(VocabularySize, words.Length);
        Assert.Equal(VocabularySize, stems.Length);

        var failures = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            var actual = Stem(words[i]);
            if (actual != stems[i])
            {
                failures.Add($"line {i + 1}: {words[i]} → {actual}, expected {stems[i]}");
            }
        }

        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {VocabularySize} words stem differently; first {Math.Min(20, failures.Count)}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Theory]
    [InlineData("trajecten", "traject")] // en after a consonant, in R1
    [InlineData("kinderopvangvergoeding", "kinderopvangvergoed")] // ing in R2
    [InlineData("vergoedingen", "vergoed")] // en, then ing
    [InlineData("geëvalueerd", "geevalueerd")] // the diaeresis goes, nothing else applies
    [InlineData("aërodynamische", "aerodynamisch")] // accent removed, then step 2 drops the e
    [InlineData("ideeën", "ideeen")] // en after a vowel is not a valid en-ending
    [InlineData("mogelijkheden", "mogelijk")] // heden → heid, then heid in R2
    [InlineData("lichamelijkheden", "licham")] // heden → heid, then heid, lijk and the e go
    [InlineData("gemeenten", "gemeent")] // en removed; the ee is not right before the last letter
    [InlineData("maan", "man")] // step 4 undoubles the vowel
    [InlineData("brood", "brod")]
    [InlineData("opheffing", "opheff")] // ing removed; ff is not undoubled
    [InlineData("zwolse", "zwol")] // se after a consonant
    [InlineData("lichtjes", "lichtjes")] // s after a vowel is not a valid s-ending
    [InlineData("kinds", "kind")] // Lucene's DutchAnalyzer would say "kinder" (its corrupt override dictionary)
    [InlineData("266225260", "266225260")] // numbers are not stemmed
    public void Stem_Word_ReturnsPublishedStem(string word, string expected)
    {
        Assert.Equal(expected, Stem(word));
    }

    [Fact]
    public void Stem_LongWord_StemsLikeShortWord()
    {
        var prefix = new string('x', 70);

        Assert.Equal(prefix + "traject", Stem(prefix + "trajecten"));
    }
}
