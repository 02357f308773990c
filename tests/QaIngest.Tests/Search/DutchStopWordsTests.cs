using QaIngest.Search;

namespace QaIngest.Tests.Search;

/// <summary>The Snowball Dutch stop words of the chain (Lucene's own list).</summary>
public class DutchStopWordsTests
{
    [Fact]
    public void StopWords_SnowballList_HasAllHundredAndOneEntries()
    {
        Assert.Equal(101, ItemAnalyzer.StopWords.Count);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    [InlineData("het")]
    [InlineData("u")]
    [InlineData("geweest")]
    [InlineData("andere")]
    public void StopWords_ListedWord_IsInTheListAndNotIndexed(string word)
    {
        Assert.Contains(word, (ISet<string>)ItemAnalyzer.StopWords);
        Assert.Null(DutchAnalyzer.Term(word));
    }

    [Theory]
    [InlineData("De")]
    [InlineData("HET")]
    public void Analyze_UpperCaseStopWord_IsDroppedAfterLowerCasing(string word)
    {
        Assert.Null(DutchAnalyzer.Term(word));
    }

    [Theory]
    [InlineData("minister")]
    [InlineData("kinderopvang")]
    public void StopWords_OtherWord_IsIndexed(string word)
    {
        Assert.DoesNotContain(word, (ISet<string>)ItemAnalyzer.StopWords);
        Assert.NotNull(DutchAnalyzer.Term(word));
    }
}
