using System.Globalization;
using System.Text.RegularExpressions;

namespace QaIngest.Text;

/// <summary>Parses Dutch dates: "12 februari 2024", "8 jun. 2022", "24/12/2021", "2024-01-11". Pure.</summary>
public static partial class DutchDate
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["januari"] = 1, ["jan"] = 1,
        ["februari"] = 2, ["feb"] = 2, ["febr"] = 2,
        ["maart"] = 3, ["mrt"] = 3, ["maa"] = 3,
        ["april"] = 4, ["apr"] = 4,
        ["mei"] = 5,
        ["juni"] = 6, ["jun"] = 6,
        ["juli"] = 7, ["jul"] = 7,
        ["augustus"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9,
        ["oktober"] = 10, ["okt"] = 10,
        ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
    };

    /// <summary>The regular-expression fragment that matches a written Dutch date ("12 februari 2024").</summary>
    public const string WrittenPattern =
        @"\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|febr?|mrt|apr|jun|jul|aug|sept?|okt|nov|dec)\.?\s+\d{4}";

    /// <summary>Returns the date, or null when the text is not a valid date.</summary>
    public static DateOnly? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var written = Written().Match(text);
        if (written.Success && Months.TryGetValue(written.Groups["m"].Value, out var month))
        {
            return Make(written.Groups["y"].Value, month, written.Groups["d"].Value);
        }

        var numeric = Numeric().Match(text);
        if (numeric.Success)
        {
            return Make(numeric.Groups["y"].Value, int.Parse(numeric.Groups["m"].Value, CultureInfo.InvariantCulture), numeric.Groups["d"].Value);
        }

        var iso = Iso().Match(text);
        return iso.Success
            ? Make(iso.Groups["y"].Value, int.Parse(iso.Groups["m"].Value, CultureInfo.InvariantCulture), iso.Groups["d"].Value)
            : null;
    }

    private static DateOnly? Make(string year, int month, string day)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && y is >= 1800 and <= 2200 && d >= 1 && d <= DateTime.DaysInMonth(y, month)
            ? new DateOnly(y, month, d)
            : null;
    }

    [GeneratedRegex(@"(?<d>\d{1,2})\s+(?<m>[a-z]+)\.?\s+(?<y>\d{4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Written();

    [GeneratedRegex(@"\b(?<d>\d{1,2})[/.\-](?<m>\d{1,2})[/.\-](?<y>\d{4})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"\b(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
