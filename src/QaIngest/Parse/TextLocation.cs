namespace QaIngest.Parse;

/// <summary>Where in a written question a piece of text stands: section, item number and part label.</summary>
public sealed record TextLocation(Section Section, int? Number = null, string? Part = null)
{
    public override string ToString() =>
        Number is null ? Section.ToString().ToLowerInvariant()
        : Part is null ? $"{Section.ToString().ToLowerInvariant()} {Number}"
        : $"{Section.ToString().ToLowerInvariant()} {Number}{Part}";
}
