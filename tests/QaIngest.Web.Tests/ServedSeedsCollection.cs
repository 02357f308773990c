namespace QaIngest.Web.Tests;

/// <summary>The tests that share one served seeds data directory (and so do not run in parallel with each other).</summary>
[CollectionDefinition(Name)]
public sealed class ServedSeedsCollection : ICollectionFixture<ServedSeeds>
{
    public const string Name = "served seeds";
}
