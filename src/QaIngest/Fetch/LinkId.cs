using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QaIngest.Fetch;

/// <summary>
/// The parliament's permalink id (<c>link?id=N</c>), always positive. Only <see cref="Create"/> and
/// <see cref="TryParse"/> make one; <c>default</c> (0) means "none" and is rejected by the fetcher.
/// </summary>
public readonly record struct LinkId
{
    private LinkId(int value) => Value = value;

    public int Value { get; }

    /// <summary>A link id; throws for zero or negative values.</summary>
    public static LinkId Create(int value) =>
        value > 0 ? new LinkId(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "a link id is a positive number");

    public static bool TryCreate(long value, out LinkId id)
    {
        id = value is > 0 and <= int.MaxValue ? new LinkId((int)value) : default;
        return id.Value != 0;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out LinkId id)
    {
        id = default;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && TryCreate(value, out id);
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
