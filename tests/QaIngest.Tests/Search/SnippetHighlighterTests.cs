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
}
