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
    /// <summary>Set when the answer only points to another answer ("Zie antwoord 2.").</summary>
    public int? SeeAnswer { get; init; }
    public ImmutableArray<AnnexReference> AnnexReferences { get; init; } = [];

    /// <summary>The lead text and every part, as one string.</summary>
    [JsonIgnore]
    public string FullText => ItemPart.Compose(Text, Parts);
}
