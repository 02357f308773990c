using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace QaIngest.Parse;

/// <summary>
/// One numbered answer. Parts are only split out where they answer lettered parts of the paired
/// question; lettered lists that are merely content stay in <see cref="Text"/>.
/// </summary>
public sealed record AnswerItem(int Number, string Text, ImmutableArray<ItemPart> Parts)
{
    /// <summary>The number of the question this answer pairs with, or null when there is none.</summary>
    public int? Question { get; init; }
    /// <summary>
    /// Every question number the answer's label names: <c>[4]</c> for <c>4.</c>, <c>[1, 2, 3]</c> for
    /// a combined label (<c>1-3.</c>, <c>1 en 2.</c>, <c>Vraag 7 en 8 samen</c>). Pairing uses it.
    /// </summary>
    public ImmutableArray<int> Covers { get; init; } = [];
    /// <summary>Set when the answer only points to another answer ("Zie antwoord 2.").</summary>
    public int? SeeAnswer { get; init; }
    public ImmutableArray<AnnexReference> AnnexReferences { get; init; } = [];

    /// <summary>The lead text and every part, as one string.</summary>
    [JsonIgnore]
    public string FullText => ItemPart.Compose(Text, Parts);
}
