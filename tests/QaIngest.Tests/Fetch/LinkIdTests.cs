using QaIngest.Fetch;

namespace QaIngest.Tests.Fetch;

public sealed class LinkIdTests
{
    [Theory]
    [InlineData("18585", true)]
    [InlineData("0", false)]
    [InlineData("-3", false)]
    [InlineData("12a", false)]
    [InlineData("99999999999", false)]
    [InlineData(null, false)]
    public void TryParse_Text_OnlyPositiveIntegers(string? text, bool ok)
    {
        Assert.Equal(ok, LinkId.TryParse(text, out var id));
        Assert.Equal(ok, id.Value > 0);
    }

    [Fact]
    public void Create_Zero_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => LinkId.Create(0));

    [Theory]
    [InlineData("https://www.vlaamsparlement.be/link?id=18585", 18585)]
    [InlineData("https://docs.vlaamsparlement.be/pfile?foo=1&id=42", 42)]
    [InlineData("https://ws.vlpar.be/e/opendata/schv/3", null)]
    public void LinkIdIn_Url_FindsIdParameter(string url, int? expected) =>
        Assert.Equal(expected, FetchTarget.LinkIdIn(new Uri(url))?.Value);
}
