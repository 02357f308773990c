namespace QaIngest.Parse;

/// <summary>
/// One paragraph of an item's content: plain text, a lettered part (with its label) or a bullet.
/// <see cref="Text"/> is the paragraph unwrapped, without the part label.
/// </summary>
internal sealed record Block(BlockKind Kind, string? Label, string Text);
