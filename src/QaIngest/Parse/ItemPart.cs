using System.Collections.Immutable;

namespace QaIngest.Parse;

/// <summary>A lettered part (<c>a)</c>) of a question or of the answer to a lettered question.</summary>
public sealed record ItemPart(string Label, string Text)
{
    internal static string Compose(string lead, ImmutableArray<ItemPart> parts)
    {
        if (parts.IsDefaultOrEmpty)
        {
            return lead;
        }

        var pieces = new List<string>(parts.Length + 1);
        if (lead.Length > 0)
        {
            pieces.Add(lead);
        }

        pieces.AddRange(parts.Select(p => $"{p.Label}) {p.Text}"));
        return string.Join('\n', pieces);
    }
}
