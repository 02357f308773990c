using QaIngest.Text;

namespace QaIngest.Tests.Text;

public class DisplayCaseTests
{
    [Theory]
    [InlineData("BOB SAVENBERG", "Bob Savenberg")]
    [InlineData("ROBRECHT BOTHUYNE", "Robrecht Bothuyne")]
    [InlineData("JEAN-MARIE DEDECKER", "Jean-Marie Dedecker")]
    [InlineData("ANNICK DE RIDDER", "Annick De Ridder")]
    [InlineData("KOEN VAN DEN HEUVEL", "Koen Van den Heuvel")]
    [InlineData("Hilde Crevits", "Hilde Crevits")]
    public void Name_UpperCase_IsDisplayCased(string name, string expected)
    {
        Assert.Equal(expected, DisplayCase.Name(name));
    }

    [Theory]
    [InlineData("VLAAMS MINISTER VAN JUSTITIE EN HANDHAVING, OMGEVING, ENERGIE EN TOERISME", "Vlaams minister van Justitie en Handhaving, Omgeving, Energie en Toerisme")]
    [InlineData("VLAAMS MINISTER VAN ECONOMIE, INNOVATIE, WERK, SOCIALE ECONOMIE EN LANDBOUW", "Vlaams minister van Economie, Innovatie, Werk, Sociale economie en Landbouw")]
    public void MinisterTitle_UpperCase_CapitalisesEachPortfolio(string title, string expected)
    {
        Assert.Equal(expected, DisplayCase.MinisterTitle(title));
    }
}
