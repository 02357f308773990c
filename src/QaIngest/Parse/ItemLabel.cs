using System.Collections.Immutable;

namespace QaIngest.Parse;

/// <summary>
/// A numbered item's label as it starts a line: its first number, the rest of the line, and every
/// number it names (<c>1-3.</c> covers 1, 2 and 3; a plain <c>4.</c> covers 4).
/// </summary>
internal readonly record struct ItemLabel(int Number, string Remainder, ImmutableArray<int> Covers)
{
    /// <summary>
    /// True when the rest is glued to the label without a capital ("2.42 aanvragen", "1.publiq wil"):
    /// such a line starts an item only as the very next number after a finished sentence.
    /// </summary>
    public bool Loose { get; init; }

    /// <summary>The highest number the label names.</summary>
    public int Last => Covers[^1];
}
