namespace QaIngest.Pipeline;

/// <summary>The kinds of <see cref="RecheckSchedule"/>.</summary>
public enum RecheckWhen
{
    EveryRun,
    On,
    Settled,
}
