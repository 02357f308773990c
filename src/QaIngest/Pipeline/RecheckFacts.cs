namespace QaIngest.Pipeline;

/// <summary>
/// What the re-check policy needs to know of one fetched document (<c>pipeline_recheck</c>): whether
/// its text has an answer and how many supplementary answers, when it was first seen, when its
/// content last changed (the file's Last-Modified when the site gives one, else the run that saw it),
/// and when the site was last asked for it. <see cref="LastChanges"/> says what the last change was.
/// </summary>
public sealed record RecheckFacts(string Key, bool Answered, int Supplements, DateTimeOffset FirstSeen, DateTimeOffset LastChange, DateTimeOffset LastCheck)
{
    /// <summary>What the last change brought (<see cref="DocumentChange"/> kinds, comma-separated); null for none yet.</summary>
    public string? LastChanges { get; init; }
}
