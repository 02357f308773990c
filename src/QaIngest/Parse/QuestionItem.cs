using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace QaIngest.Parse;

/// <summary>
/// One numbered question. <see cref="Text"/> is the text before its first lettered part; the
/// parts (<c>a)</c>, <c>b)</c>, with their bullets) follow in <see cref="Parts"/>.
/// Paragraphs are separated by a single <c>'\n'</c>.
/// </summary>
public sealed record QuestionItem(int Number, string Text, ImmutableArray<ItemPart> Parts)
{
    /// <summary>The lead text and every part, as one string.</summary>
    [JsonIgnore]
    public string FullText => ItemPart.Compose(Text, Parts);
}
