using System.Diagnostics.CodeAnalysis;

namespace QaIngest.Extract;

/// <summary>
/// The outcome of extraction: an <see cref="ExtractedText"/> or a one-line reason with its
/// <see cref="ExtractionFailure"/> kind. Extraction never throws for bad input or a missing tool.
/// </summary>
public sealed record ExtractionResult
{
    private ExtractionResult(ExtractedText? value, ExtractionFailure failure, string? error)
    {
        Value = value;
        Failure = failure;
        Error = error;
    }

    public ExtractedText? Value { get; }
    public ExtractionFailure Failure { get; }
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Value is not null;

    public static ExtractionResult Ok(ExtractedText value) => new(value, ExtractionFailure.None, null);

    public static ExtractionResult Fail(ExtractionFailure failure, string error) => new(null, failure, error);
}
