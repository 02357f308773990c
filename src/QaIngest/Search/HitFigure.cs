namespace QaIngest.Search;

/// <summary>A figure of a hit, as stored in the index.</summary>
public sealed record HitFigure(string Kind, decimal Value, string? Currency, string? Unit, string? Per, string Text, string? Qualifier, string? Part);
