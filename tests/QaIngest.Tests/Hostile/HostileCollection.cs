namespace QaIngest.Tests.Hostile;

/// <summary>
/// The hostile tests run alone, not beside other tests: each measures what the process allocated
/// while it ran, and CI has only two cores for the abandoned threads some of them leave behind.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection
{
    public const string Name = "Hostile";
}
