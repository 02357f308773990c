using System.Collections.Immutable;

namespace QaIngest.Parse;

/// <summary>Splits an item's blocks into its lead text and its lettered parts, when the labels qualify.</summary>
internal static class PartSplitter
{
    /// <summary>
    /// Returns the lead text and the parts. Each part takes the blocks (bullets, paragraphs) that
    /// follow it up to the next part. When <paramref name="accept"/> rejects the labels, the item
    /// has no parts and its labelled paragraphs stay in the text with their labels.
    /// </summary>
    public static (string Lead, ImmutableArray<ItemPart> Parts) Split(ImmutableArray<Block> blocks, Func<IReadOnlyList<string>, bool> accept)
    {
        var labels = blocks.Where(b => b.Kind == BlockKind.Part).Select(b => b.Label!).ToList();
        if (labels.Count == 0 || !accept(labels))
        {
            return (BlockBuilder.Render(blocks), []);
        }

        var first = blocks.IndexOf(blocks.First(b => b.Kind == BlockKind.Part));
        var parts = ImmutableArray.CreateBuilder<ItemPart>(labels.Count);
        for (var i = first; i < blocks.Length;)
        {
            var end = i + 1;
            while (end < blocks.Length && blocks[end].Kind != BlockKind.Part)
            {
                end++;
            }

            var body = new[] { blocks[i].Text }.Concat(blocks.Skip(i + 1).Take(end - i - 1).Select(b => b.Text)).Where(t => t.Length > 0);
            parts.Add(new ItemPart(blocks[i].Label!, string.Join('\n', body)));
            i = end;
        }

        return (BlockBuilder.Render(blocks.Take(first)), parts.ToImmutable());
    }

    /// <summary>True for a, b, c, … in order from a.</summary>
    public static bool IsSequence(IReadOnlyList<string> labels) =>
        labels.Select((l, i) => l[0] == 'a' + i).All(ok => ok);

    /// <summary>True when each label comes after the one before it.</summary>
    public static bool IsIncreasing(IReadOnlyList<string> labels) =>
        labels.Zip(labels.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) < 0);
}
