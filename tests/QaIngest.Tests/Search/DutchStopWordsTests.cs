using QaIngest.Search;

namespace QaIngest.Tests.Search;

public class DutchStopWordsTests
{
    [Fact]
    public void Words_SnowballList_HasAllHundredAndOneEntries()
    {
        Assert.Equal(101, DutchStopWords.Words.Count);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    [InlineData("het")]
    [InlineData("u")]
    [InlineData("geweest")]
    [InlineData("andere")]
    public void IsStopWord_ListedWord_ReturnsTrue(string word)
    {
        Assert.True(DutchStopWords.IsStopWord(word));
    }

    [Theory]
    [InlineData("minister")]
    [InlineData("kinderopvang")]
    [InlineData("De")] // the list is lower case; callers lower-case first
    [InlineData("")]
    public void IsStopWord_OtherWord_ReturnsFalse(string word)
    {
        Assert.False(DutchStopWords.IsStopWord(word));
    }

    [Fact]
    public void Words_EveryEntry_IsLowerCase()
    {
        Assert.All(DutchStopWords.Words, word => Assert.Equal(word.ToLowerInvariant(), word));
    }
}
