using System.Globalization;
using QaIngest.Parse;
using QaIngest.Pipeline;

namespace QaIngest.Tests.Pipeline;

/// <summary>The re-check policy's arithmetic, the answer state read from a parse, and what a change is called.</summary>
public sealed class RecheckPolicyTests
{
    // first seen, last change, last check (UTC days at 22:00), answered -> the next check ("every run", a day, "settled").
    [Theory]
    [InlineData("2021-09-01", "2021-09-01", "2021-09-01", false, "every run")]
    [InlineData("2021-09-01", "2021-09-01", "2022-08-31", false, "every run")]
    [InlineData("2021-09-01", "2021-09-01", "2022-09-01", false, "settled")]
    [InlineData("2021-09-01", "2021-09-28", "2021-09-28", true, "2021-09-29")]
    [InlineData("2021-09-01", "2021-09-28", "2021-09-29", true, "2021-10-05")]
    [InlineData("2021-09-01", "2021-09-28", "2021-10-01", true, "2021-10-05")]
    [InlineData("2021-09-01", "2021-09-28", "2021-10-05", true, "2021-10-28")]
    [InlineData("2021-09-01", "2021-09-28", "2021-10-28", true, "settled")]
    [InlineData("2021-09-01", "2021-01-02", "2021-09-01", true, "settled")]
    public void Next_DefaultPolicy_AsksUnansweredEveryRunAndAnsweredOnWideningDays(string firstSeen, string lastChange, string lastCheck, bool answered, string next)
    {
        var facts = new RecheckFacts("link:1", answered, 0, At(firstSeen), At(lastChange), At(lastCheck));

        var schedule = RecheckPolicy.Default.Next(facts);

        Assert.Equal(next, schedule.When switch
        {
            RecheckWhen.EveryRun => "every run",
            RecheckWhen.On => schedule.Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => "settled",
        });
    }

    [Fact]
    public void IsDue_ADayEarlierInTheDay_StillDue()
    {
        // A nightly run that starts at 01:00 instead of 22:00 the day after is still that day's check.
        var facts = new RecheckFacts("link:1", true, 0, At("2021-09-01"), At("2021-09-28"), At("2021-09-28"));

        Assert.True(RecheckPolicy.Default.Next(facts).IsDue(new DateOnly(2021, 9, 29)));
        Assert.False(RecheckPolicy.Default.Next(facts).IsDue(new DateOnly(2021, 9, 28)));
    }

    [Theory]
    [InlineData("1749866-asked.txt", false, 0)]
    [InlineData("1749866-answered.txt", true, 0)]
    [InlineData("1749866-supplemented.txt", true, 1)]
    [InlineData("1751367-asked.txt", false, 0)]
    [InlineData("1751367-corrected.txt", true, 0)]
    public void AnswerState_TimelineFiles_ReadsAnswerAndSupplements(string file, bool answered, int supplements)
    {
        var parsed = QuestionParser.Parse(File.ReadAllText(Repo.File_("corpus", "timeline", file)));

        Assert.Equal(new AnswerState(answered, supplements), AnswerState.Of(parsed.Value!));
    }

    [Theory]
    [InlineData(false, 0, true, 0, "answer-added")]
    [InlineData(true, 0, true, 1, "supplementary-answer")]
    [InlineData(false, 0, true, 1, "answer-added,supplementary-answer")]
    [InlineData(true, 1, true, 1, "text-corrected")]
    [InlineData(false, 0, false, 0, "text-corrected")]
    [InlineData(true, 0, false, 0, "answer-removed")]
    public void Between_AnswerStates_NamesTheChange(bool answeredBefore, int supplementsBefore, bool answeredAfter, int supplementsAfter, string what)
    {
        var kinds = DocumentChange.Between(new AnswerState(answeredBefore, supplementsBefore), new AnswerState(answeredAfter, supplementsAfter));

        Assert.Equal(what, string.Join(",", kinds));
    }

    [Theory]
    [InlineData("{\"afterChangeDays\": [1, 7, 30]}", true)]
    [InlineData("{\"afterChangeDays\": [0, 7]}", false)]
    [InlineData("{\"afterChangeDays\": [7, 7]}", false)]
    [InlineData("{\"unansweredForDays\": 4000}", false)]
    public void Problems_Policy_ValidOnlyWhenSane(string json, bool valid)
    {
        var policy = System.Text.Json.JsonSerializer.Deserialize<RecheckPolicy>(json, PipelineJson.OneLine)!;

        Assert.Equal(valid, policy.Problems().IsEmpty);
    }

    private static DateTimeOffset At(string day) =>
        new(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(22, 0)), TimeSpan.Zero);
}
