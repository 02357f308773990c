namespace QaIngest.Web;

/// <summary>The money amounts of one year: how many and their sum (EUR).</summary>
public sealed record YearAmount(int Year, int Count, decimal Sum);
