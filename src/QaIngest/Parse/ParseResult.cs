using System.Diagnostics.CodeAnalysis;

namespace QaIngest.Parse;

/// <summary>
/// The outcome of parsing: a <see cref="WrittenQuestion"/> (possibly with warnings) or, for input
/// that is not a readable document at all, a one-line error. Parsing never throws for bad input.
/// </summary>
public sealed record ParseResult
{
    private ParseResult(WrittenQuestion? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public WrittenQuestion? Value { get; }
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Value is not null;

    public static ParseResult Ok(WrittenQuestion value) => new(value, null);
    public static ParseResult Fail(string error) => new(null, error);
}
