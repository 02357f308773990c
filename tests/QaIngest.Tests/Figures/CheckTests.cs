using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Tests.Figures;

public class CheckTests
{
    private static readonly TextLocation Here = new(Section.Answer, 2);

    private static Figure Money(decimal value, decimal tolerance = 0.5m) =>
        new(FigureKind.Money, value, "x", 0, 1, Here) { Currency = "EUR", Tolerance = tolerance };

    [Fact]
    public void Sum_PartsAddUpExactly_Holds()
    {
        var check = Check.Sum(Money(10), [Money(6), Money(4)]);

        Assert.True(check.Holds);
        Assert.Equal(10, check.Computed);
        Assert.Equal(Here, check.Location);
    }

    [Fact]
    public void Sum_PartsOffByOne_DoesNotHold()
    {
        Assert.False(Check.Sum(Money(10), [Money(6), Money(5)]).Holds);
    }

    [Fact]
    public void Sum_RoundedTotalWithinItsPrecision_Holds()
    {
        // "24 miljoen" stands for 23.5 to 24.5 million.
        Assert.True(Check.Sum(Money(24_000_000, 500_000), [Money(12_300_000), Money(11_900_000)]).Holds);
        Assert.False(Check.Sum(Money(24_000_000, 500_000), [Money(12_300_000), Money(12_300_000)]).Holds);
    }

    [Fact]
    public void Sum_OnePart_Throws()
    {
        Assert.Throws<ArgumentException>(() => Check.Sum(Money(10), [Money(10)]));
    }

    [Fact]
    public void Product_CountTimesRate_ComparesWithTotal()
    {
        var count = new Figure(FigureKind.Count, 5000, "5.000 trajecten", 0, 1, Here) { Unit = "trajecten" };
        var rate = new Figure(FigureKind.Rate, 4800, "4.800 euro per traject", 0, 1, Here) { Currency = "EUR", Per = "traject" };

        var check = Check.Product(Money(24_000_000, 500_000), count, rate);

        Assert.Equal(CheckKind.Product, check.Kind);
        Assert.Equal(24_000_000, check.Computed);
        Assert.True(check.Holds);
    }

    [Fact]
    public void Product_FactorsOfTheWrongKind_Throw()
    {
        Assert.Throws<ArgumentException>(() => Check.Product(Money(1), Money(1), Money(1)));
    }
}
