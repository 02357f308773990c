namespace QaIngest.Search;

/// <summary>Why a query could not be parsed, and at which character (0-based) of the query.</summary>
public sealed record QueryError(string Message, int Position)
{
    public override string ToString() => $"{Message} (at character {Position + 1})";
}
