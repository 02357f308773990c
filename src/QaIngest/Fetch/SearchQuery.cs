using System.Globalization;
using System.Text.RegularExpressions;

namespace QaIngest.Fetch;

/// <summary>
/// A discovery query for written questions in the parliament's search API: by publication date
/// range (<c>inmeta:publicatiedatum:daterange:FROM..TO</c>) or by session year
/// (<c>inmeta:zittingsjaar=2023-2024</c>), always restricted to written questions.
/// </summary>
public sealed partial record SearchQuery
{
    private SearchQuery(string expression) => Expression = expression;

    /// <summary>The query path segment as the API takes it (spaces as <c>%20</c>).</summary>
    public string Expression { get; }

    public const string WrittenQuestionsOnly = "requiredfields=aggregaattype:Schriftelijke%20vraag";

    public static SearchQuery PublishedBetween(DateOnly from, DateOnly to) =>
        from <= to
            ? new($"inmeta:publicatiedatum:daterange:{Iso(from)}..{Iso(to)}&{WrittenQuestionsOnly}")
            : throw new ArgumentException($"from ({Iso(from)}) is after to ({Iso(to)})", nameof(from));

    /// <summary>A session year such as <c>2023-2024</c> (the second year follows the first).</summary>
    public static SearchQuery SessionYear(string sessionYear)
    {
        var match = SessionYearPattern().Match(sessionYear ?? "");
        if (!match.Success || int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) != int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1)
        {
            throw new ArgumentException($"not a session year like 2023-2024: {sessionYear}", nameof(sessionYear));
        }

        return new($"inmeta:zittingsjaar={sessionYear}&{WrittenQuestionsOnly}");
    }

    public override string ToString() => Expression;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{4})-(\d{4})$")]
    private static partial Regex SessionYearPattern();
}
