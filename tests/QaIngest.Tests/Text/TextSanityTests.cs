using QaIngest.Text;

namespace QaIngest.Tests.Text;

public class TextSanityTests
{
    [Fact]
    public void Check_Seed_IsText()
    {
        Assert.Null(TextSanity.Check(File.ReadAllText(Repo.Seed("000_57b4a00a02773f93.txt"))));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\n \n", "empty")]
    [InlineData("abc\0def", "binary")]
    [InlineData("12 34 56", "no text")]
    public void Check_NotADocument_GivesReason(string text, string reason)
    {
        Assert.StartsWith(reason, TextSanity.Check(text));
    }
}
