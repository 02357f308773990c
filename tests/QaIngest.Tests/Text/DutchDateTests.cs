using QaIngest.Text;

namespace QaIngest.Tests.Text;

public class DutchDateTests
{
    [Theory]
    [InlineData("12 februari 2024", "2024-02-12")]
    [InlineData("datum: 8 juni 2022", "2022-06-08")]
    [InlineData("3 Juli 2023", "2023-07-03")]
    [InlineData("1 mrt. 2022", "2022-03-01")]
    [InlineData("24/12/2021", "2021-12-24")]
    [InlineData("2024-01-11", "2024-01-11")]
    public void TryParse_DutchDate_GivesIsoDate(string text, string iso)
    {
        Assert.Equal(DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture), DutchDate.TryParse(text));
    }

    [Theory]
    [InlineData("31 februari 2024")]
    [InlineData("12 brumaire 2024")]
    [InlineData("geen datum")]
    [InlineData("")]
    public void TryParse_NotADate_GivesNull(string text)
    {
        Assert.Null(DutchDate.TryParse(text));
    }
}
