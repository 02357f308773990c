using QaIngest.Search;

namespace QaIngest.Tests.Search;

/// <summary>Snippets of items, marked through the analysis chain.</summary>
public sealed class SnippetHighlighterTests
{
    [Fact]
    public void Snippet_EmptyItem_IsEmptyNotACrash()
    {
        // Real answers can be a label with nothing after it (corpus/real-texts/1750924.txt, answer 1).
        var query = SnippetHighlighter.Query(["onderwijs"], [], []);

        Assert.Equal(string.Empty, SnippetHighlighter.Snippet(string.Empty, query));
    }

    [Fact]
    public void Snippet_MatchingWord_IsMarked()
    {
        var query = SnippetHighlighter.Query(["onderwijs"], [], []);

        Assert.Contains("«onderwijs»", SnippetHighlighter.Snippet("De financiering van het hoger onderwijs.", query), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("financ", "De financiering van het hoger onderwijs en de financiële middelen van de VDAB.")]
    [InlineData("integr", "De re-integratie van langdurig zieken: integratietrajecten en re-integratieplannen.")]
    [InlineData("onderw", "Geen enkel woord hier begint zo.")]
    [InlineData("begeleid", "")]
    public void Snippet_Prefix_MarksWhatLucenesPrefixQueryMarks(string prefix, string text)
    {
        // Lucene's highlighter given the prefix itself (it indexes the text in memory to find the words).
        var lucene = new Lucene.Net.Search.BooleanQuery(disableCoord: true)
        {
            { new Lucene.Net.Search.PrefixQuery(new Lucene.Net.Index.Term(ItemAnalyzer.HighlightField, prefix)), Lucene.Net.Search.Occur.SHOULD },
        };
        var query = SnippetHighlighter.Query([], [prefix], [text, "Een andere tekst over financieringen en onderwijs."]);

        Assert.Equal(SnippetHighlighter.Snippet(text, lucene), SnippetHighlighter.Snippet(text, query));
    }

    [Fact]
    public void Snippet_Prefix_MarksEveryWordStartingWithIt()
    {
        const string text = "De financiering van het hoger onderwijs en de financiële middelen.";

        var snippet = SnippetHighlighter.Snippet(text, SnippetHighlighter.Query([], ["financ"], [text]));

        Assert.Contains("«financiering»", snippet, StringComparison.Ordinal);
        Assert.Contains("«financiële»", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("«onderwijs»", snippet, StringComparison.Ordinal);
    }
}
