namespace QaIngest.Figures;

/// <summary>The arithmetic a <see cref="Check"/> verifies.</summary>
public enum CheckKind
{
    /// <summary>A stated total against the amounts listed under it.</summary>
    Sum,
    /// <summary>A stated total against a count times a rate.</summary>
    Product,
}
