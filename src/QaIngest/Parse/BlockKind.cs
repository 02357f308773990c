namespace QaIngest.Parse;

/// <summary>What a paragraph of an item is.</summary>
internal enum BlockKind
{
    Text,
    Part,
    Bullet,
}
