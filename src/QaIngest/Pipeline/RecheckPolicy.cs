using System.Collections.Immutable;

namespace QaIngest.Pipeline;

/// <summary>
/// When a run asks the site again for a document it fetched before. A written question is not final
/// when first seen: its answer comes later, an <c>AANVULLEND ANTWOORD</c> later still, a file can be
/// re-published corrected. So a document without an answer is asked again (conditionally) on every
/// run for up to <see cref="UnansweredForDays"/> days after it was first seen; a document with an
/// answer is asked again <see cref="AfterChangeDays"/> days after its last change (by default 1, 7
/// and 30), and after the last of those it is settled and never asked again, unless a change found on
/// the way starts the series again. At most <see cref="MaxPerRun"/> re-checks a run, the most overdue
/// first, so a night's work stays bounded. Defaults here; a pipeline file's <c>recheck</c> overrides them.
/// Days are UTC calendar days, so a nightly run a few minutes earlier than the last one is still due.
/// </summary>
public sealed record RecheckPolicy
{
    /// <summary>The defaults a pipeline without a <c>recheck</c> setting gets.</summary>
    public static RecheckPolicy Default { get; } = new();

    public bool Enabled { get; init; } = true;

    /// <summary>How long a document without an answer is asked on every run, counted from the day it was first seen.</summary>
    public int UnansweredForDays { get; init; } = 365;

    /// <summary>Days after a document's last change on which it is asked again, ascending; after the last it is settled.</summary>
    public ImmutableArray<int> AfterChangeDays { get; init; } = [1, 7, 30];

    /// <summary>At most this many re-checks a run; the rest (least overdue) wait for the next run.</summary>
    public int MaxPerRun { get; init; } = 2000;

    /// <summary>When <paramref name="facts"/>' document is to be asked next (pure; the runner and <c>status</c> share it).</summary>
    public RecheckSchedule Next(RecheckFacts facts)
    {
        if (!Enabled)
        {
            return RecheckSchedule.Settled;
        }

        var lastCheck = Day(facts.LastCheck);
        if (!facts.Answered)
        {
            var until = Day(facts.FirstSeen).AddDays(UnansweredForDays);
            return lastCheck < until ? RecheckSchedule.EveryRun(until) : RecheckSchedule.Settled;
        }

        var changed = Day(facts.LastChange);
        foreach (var days in AfterChangeDays)
        {
            var due = changed.AddDays(days);
            if (due > lastCheck)
            {
                return RecheckSchedule.On(due);
            }
        }

        return RecheckSchedule.Settled;
    }

    /// <summary>The problems of this policy, one line each (empty when valid).</summary>
    public ImmutableArray<string> Problems()
    {
        var problems = new List<string>();
        if (UnansweredForDays is < 0 or > 3650)
        {
            problems.Add("unansweredForDays: a whole number from 0 to 3650");
        }

        if (AfterChangeDays.IsDefault || AfterChangeDays.Any(d => d is < 1 or > 3650))
        {
            problems.Add("afterChangeDays: whole numbers of days from 1 to 3650");
        }
        else if (AfterChangeDays.Zip(AfterChangeDays.Skip(1)).Any(p => p.Second <= p.First))
        {
            problems.Add("afterChangeDays: ascending, each once (e.g. [1, 7, 30])");
        }

        if (MaxPerRun is < 0 or > 1_000_000)
        {
            problems.Add("maxPerRun: a whole number from 0 to 1000000");
        }

        return [.. problems];
    }

    /// <summary>One line for reports and <c>status</c>.</summary>
    public string Describe() => Enabled
        ? $"unanswered: every run for {UnansweredForDays} days after first seen; answered: {string.Join(", ", AfterChangeDays)} days after the last change, then settled; at most {MaxPerRun} a run"
        : "off: a document fetched once is not asked again";

    private static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    public bool Equals(RecheckPolicy? other) =>
        other is not null && Enabled == other.Enabled && UnansweredForDays == other.UnansweredForDays && MaxPerRun == other.MaxPerRun
        && AfterChangeDays.SequenceEqual(other.AfterChangeDays);

    public override int GetHashCode() => HashCode.Combine(Enabled, UnansweredForDays, MaxPerRun, AfterChangeDays.Length);
}
