using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Tests.Figures;

public class FigureEvaluationTests
{
    private static readonly TextLocation Answer8 = new(Section.Answer, 8);

    private static Figure Found(FigureKind kind, decimal value, TextLocation location, string? currency = "EUR") =>
        new(kind, value, value.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, 1, location) { Currency = currency };

    [Fact]
    public void Evaluate_AllGoldFoundAndNothingElse_ScoresOne()
    {
        var scores = FigureEvaluation.Evaluate(
            [Found(FigureKind.Money, 24_000_000, Answer8), Found(FigureKind.Percentage, 30, Answer8, null)],
            [new GoldFigure(FigureKind.Money, 24_000_000, Answer8) { Currency = "EUR" }, new GoldFigure(FigureKind.Percentage, 30, Answer8)]);

        Assert.All(scores.Kinds, k => Assert.Equal((1.0, 1.0), (k.Precision, k.Recall)));
        Assert.Empty(scores.Unexpected);
        Assert.Empty(scores.Missed);
    }

    [Fact]
    public void Evaluate_RateAgainstGoldMoney_CountsAsMoney()
    {
        var scores = FigureEvaluation.Evaluate([Found(FigureKind.Rate, 4800, Answer8)], [new GoldFigure(FigureKind.Money, 4800, Answer8)]);

        Assert.Equal(new KindScore(FigureKind.Money, 1, 1, 1), scores[FigureKind.Money]);
        Assert.Equal(scores[FigureKind.Money], scores[FigureKind.Rate]);
    }

    [Fact]
    public void Evaluate_SameValueInAnotherAnswer_IsBothUnexpectedAndMissed()
    {
        var scores = FigureEvaluation.Evaluate([Found(FigureKind.Money, 5, new TextLocation(Section.Answer, 9))], [new GoldFigure(FigureKind.Money, 5, Answer8)]);

        Assert.Equal(0.0, scores[FigureKind.Money].Precision);
        Assert.Equal(0.0, scores[FigureKind.Money].Recall);
        Assert.Single(scores.Unexpected);
        Assert.Single(scores.Missed);
    }

    [Fact]
    public void Evaluate_GoldWithoutPart_MatchesAFigureInAPart()
    {
        var scores = FigureEvaluation.Evaluate([Found(FigureKind.Percentage, 10, new TextLocation(Section.Answer, 5, "a"), null)], [new GoldFigure(FigureKind.Percentage, 10, new TextLocation(Section.Answer, 5))]);

        Assert.Equal(1.0, scores[FigureKind.Percentage].Recall);
    }

    [Fact]
    public void Evaluate_WrongCurrency_DoesNotMatch()
    {
        var scores = FigureEvaluation.Evaluate([Found(FigureKind.Money, 5, Answer8, "USD")], [new GoldFigure(FigureKind.Money, 5, Answer8) { Currency = "EUR" }]);

        Assert.Equal(0, scores[FigureKind.Money].Matched);
    }

    [Fact]
    public void Evaluate_TwoEqualGoldFiguresAndOneFound_MatchesOnce()
    {
        var scores = FigureEvaluation.Evaluate([Found(FigureKind.Money, 5, Answer8)], [new GoldFigure(FigureKind.Money, 5, Answer8), new GoldFigure(FigureKind.Money, 5, Answer8)]);

        Assert.Equal(new KindScore(FigureKind.Money, 1, 2, 1), scores[FigureKind.Money]);
        Assert.Equal(0.5, scores[FigureKind.Money].Recall);
    }

    [Fact]
    public void Evaluate_NothingFoundNothingExpected_ScoresOne()
    {
        var scores = FigureEvaluation.Evaluate([], []);

        Assert.All(scores.Kinds, k => Assert.Equal((1.0, 1.0), (k.Precision, k.Recall)));
    }

    [Fact]
    public void Combine_TwoDocuments_AddsCountsPerKind()
    {
        var one = FigureEvaluation.Evaluate([Found(FigureKind.Money, 5, Answer8)], [new GoldFigure(FigureKind.Money, 5, Answer8)]);
        var two = FigureEvaluation.Evaluate([Found(FigureKind.Money, 6, Answer8)], [new GoldFigure(FigureKind.Money, 7, Answer8)]);

        var total = FigureScores.Combine([one, two]);

        Assert.Equal(new KindScore(FigureKind.Money, 2, 2, 1), total[FigureKind.Money]);
        Assert.Single(total.Unexpected);
        Assert.Single(total.Missed);
    }

    [Fact]
    public void Add_DifferentKinds_Throws()
    {
        Assert.Throws<ArgumentException>(() => new KindScore(FigureKind.Money, 1, 1, 1).Add(new KindScore(FigureKind.Count, 1, 1, 1)));
    }
}
