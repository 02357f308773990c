using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QaIngest.Fetch;

/// <summary>
/// A written question's id in the open-data API (<c>/e/opendata/schv/{id}</c>), always positive. Only <see cref="Create"/> and
/// <see cref="TryParse"/> make one; <c>default</c> (0) means "none" and is rejected by the fetcher.
/// </summary>
public readonly record struct OpenDataId
{
    private OpenDataId(int value) => Value = value;

    public int Value { get; }

    /// <summary>An open-data id; throws for zero or negative values.</summary>
    public static OpenDataId Create(int value) =>
        value > 0 ? new OpenDataId(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "an open-data id is a positive number");

    public static bool TryCreate(long value, out OpenDataId id)
    {
        id = value is > 0 and <= int.MaxValue ? new OpenDataId((int)value) : default;
        return id.Value != 0;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out OpenDataId id)
    {
        id = default;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && TryCreate(value, out id);
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
