namespace QaIngest.Parse;

/// <summary>One minister a multi-minister question was sent to, with the number it got there.</summary>
public sealed record MinisterAddressee(string Name, int Number);
