namespace QaIngest.Parse;

/// <summary>A reference from an answer to an annex and, optionally, a sheet ("bijlage 1, tabblad 4").</summary>
public sealed record AnnexReference(int Annex, int? Sheet);
