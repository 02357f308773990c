namespace QaIngest.Pipeline;

/// <summary>When a document is asked next: on every run (until a day), on a day, or never again (settled).</summary>
public readonly record struct RecheckSchedule(RecheckWhen When, DateOnly? Day)
{
    public static RecheckSchedule Settled => new(RecheckWhen.Settled, null);

    /// <summary>On every run, up to and including the day before <paramref name="until"/>.</summary>
    public static RecheckSchedule EveryRun(DateOnly until) => new(RecheckWhen.EveryRun, until);

    public static RecheckSchedule On(DateOnly day) => new(RecheckWhen.On, day);

    /// <summary>True when a run on <paramref name="today"/> asks for the document.</summary>
    public bool IsDue(DateOnly today) => When switch
    {
        RecheckWhen.EveryRun => true,
        RecheckWhen.On => Day!.Value <= today,
        _ => false,
    };

    /// <summary>"every run (until 2025-01-01)", "2024-02-12", "settled".</summary>
    public override string ToString() => When switch
    {
        RecheckWhen.EveryRun => $"every run (until {Day:yyyy-MM-dd})",
        RecheckWhen.On => $"{Day:yyyy-MM-dd}",
        _ => "settled",
    };
}
