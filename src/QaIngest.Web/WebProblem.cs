namespace QaIngest.Web;

/// <summary>Why a request could not be answered: the HTTP status, a short title, the reason, and for a query error the query and the character (0-based) it is at.</summary>
public sealed record WebProblem(int Status, string Title, string Detail, int? Position = null, string? Query = null);
