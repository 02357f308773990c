using System.Collections.Immutable;
using QaIngest.Text;

namespace QaIngest.Parse;

/// <summary>Groups lines into paragraphs (blocks), undoing hard wraps and page breaks.</summary>
internal static class BlockBuilder
{
    /// <summary>
    /// Builds the blocks of a run of lines. <paramref name="firstRest"/>, when given, replaces the
    /// first line's text (the rest of a numbered line after its number).
    /// </summary>
    public static ImmutableArray<Block> Build(IReadOnlyList<SourceLine> lines, string? firstRest = null)
    {
        var blocks = ImmutableArray.CreateBuilder<Block>();
        var current = new List<SourceLine>();
        BlockKind kind = BlockKind.Text;
        string? label = null;

        void Flush()
        {
            var text = LineJoiner.Join(current);
            if (text.Length > 0 || kind == BlockKind.Part)
            {
                blocks.Add(new Block(kind, label, text));
            }

            current.Clear();
            kind = BlockKind.Text;
            label = null;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = i == 0 && firstRest is not null ? lines[i] with { Text = firstRest } : lines[i];
            if (line.Text.Length == 0)
            {
                continue;
            }

            if (LineShape.Part(line.Text) is { } part)
            {
                Flush();
                kind = BlockKind.Part;
                label = part.Label;
                current.Add(line with { Text = part.Remainder });
                continue;
            }

            if (LineShape.IsBullet(line.Text))
            {
                Flush();
                kind = BlockKind.Bullet;
                current.Add(line);
                continue;
            }

            var previous = current.Count > 0 ? current[^1].Text : null;
            var labelOnly = kind == BlockKind.Part && current.Count == 1 && current[0].Text.Length == 0;
            var continues = previous is null
                || labelOnly
                || line.BlankLinesBefore == 0
                || (LineShape.StartsLowerCase(line.Text) && !LineShape.EndsSentence(previous));
            if (!continues)
            {
                Flush();
            }

            current.Add(line);
        }

        Flush();
        return blocks.ToImmutable();
    }

    /// <summary>The blocks as one text, a paragraph per line; parts keep their label, bullets their dash.</summary>
    public static string Render(IEnumerable<Block> blocks) =>
        string.Join('\n', blocks.Select(b => b.Kind == BlockKind.Part ? $"{b.Label}) {b.Text}".TrimEnd() : b.Text));
}
