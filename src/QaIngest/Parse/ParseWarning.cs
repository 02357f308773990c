namespace QaIngest.Parse;

/// <summary>A problem found while parsing that did not stop the parse (gaps, unpaired answers, …).</summary>
public sealed record ParseWarning(string Code, string Message);
