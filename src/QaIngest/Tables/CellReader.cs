using System.Globalization;
using System.Text.RegularExpressions;
using QaIngest.Figures;

namespace QaIngest.Tables;

/// <summary>
/// Reads one cell's text as a number the Dutch way ("22.046.430,00 €", "12,5%", "€ 4.855", "Ca €75.000")
/// and units out of captions and headers ("(in miljoen euro)", "K€", "aantal"). Pure.
/// </summary>
internal static partial class CellReader
{
    /// <summary>The number a cell holds as written and the unit marks around it; false for anything else.</summary>
    public static bool TryRead(string text, out decimal value, out bool money, out bool percent)
    {
        value = 0;
        money = false;
        percent = false;
        var s = text.Trim();
        if (s.Length == 0 || s.Length > 40)
        {
            return false;
        }

        var m = CellPattern().Match(s);
        if (!m.Success)
        {
            return false;
        }

        money = m.Groups["cur1"].Success || m.Groups["cur2"].Success;
        percent = m.Groups["pct"].Success;
        if (money && percent)
        {
            return false;
        }

        var digits = m.Groups["num"].Value.Replace(" ", "", StringComparison.Ordinal);
        if (!DutchNumber.TryParseDigits(digits, out value, out _, out _))
        {
            return false;
        }

        if (m.Groups["sign"].Value is "-" or "−" or "–")
        {
            value = -value;
        }

        return true;
    }

    /// <summary>True for a year written alone ("2023"): a label in a header or a row, not an amount.</summary>
    public static bool IsYear(string text) =>
        text.Trim() is { Length: 4 } t && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100;

    /// <summary>True when the cell holds an amount (a number that is not a bare year).</summary>
    public static bool IsAmount(string text) => !IsYear(text) && TryRead(text, out _, out _, out _);

    /// <summary>
    /// The unit a caption or header states, normalised ("(in miljoen euro)" → "miljoen euro", "K€" →
    /// "duizend euro", "€" → "euro", "%" → "%", "aantal" → "aantal"), and the scale it puts on a written
    /// number (1,000,000 for "miljoen euro"); null when it states none.
    /// </summary>
    public static (string? Unit, decimal Scale) Unit(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, 1);
        }

        var lower = text.ToLower(CultureInfo.InvariantCulture);
        var stated = InUnit().Match(lower);
        if (stated.Success)
        {
            var unit = Regex.Replace(stated.Groups[1].Value, @"\s+", " ").Trim();
            unit = unit.Replace("€", "euro", StringComparison.Ordinal).Replace("eur ", "euro ", StringComparison.Ordinal);
            return (unit, ScaleOf(unit));
        }

        if (ThousandEuro().IsMatch(text))
        {
            return ("duizend euro", 1000);
        }

        if (lower.Contains('€', StringComparison.Ordinal) || EuroWord().IsMatch(lower))
        {
            return ("euro", 1);
        }

        if (lower.Contains('%', StringComparison.Ordinal) || lower.Contains("procent", StringComparison.Ordinal) || lower.Contains("percentage", StringComparison.Ordinal))
        {
            return ("%", 1);
        }

        return AantalWord().IsMatch(lower) ? ("aantal", 1) : (null, 1);
    }

    private static decimal ScaleOf(string unit) =>
        unit.Contains("miljard", StringComparison.Ordinal) ? 1_000_000_000m
        : unit.Contains("miljoen", StringComparison.Ordinal) ? 1_000_000m
        : unit.Contains("duizend", StringComparison.Ordinal) || unit.Contains("1.000", StringComparison.Ordinal) || unit.StartsWith("k", StringComparison.Ordinal) ? 1000m
        : 1m;

    /// <summary>True for a label that names a total ("Totaal", "Eindtotaal", "Algemeen totaal", "Total").</summary>
    public static bool IsTotalLabel(string label) => TotalLabel().IsMatch(label.Trim());

    // An optional hedge ("ca", "±"), a sign, a currency before or after, a percent sign after.
    [GeneratedRegex(@"^(?:(?:ca\.?|circa|±|\+/-)\s*)?(?<sign>[-−–+])?\s*(?<cur1>€|EUR\b|K€)?\s*(?<num>\d[\d.]*(?:,\d+)?)\s*(?:(?<cur2>€|EUR|euro|K€)|(?<pct>%|procent))?\s*\*?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CellPattern();

    [GeneratedRegex(@"\((?:in|x|bedragen in)\s+([^)]{1,30})\)")]
    private static partial Regex InUnit();

    [GeneratedRegex(@"\bK€|\bk€|x\s?1\.?000\s*(?:€|euro)|duizend(?:en)? euro", RegexOptions.IgnoreCase)]
    private static partial Regex ThousandEuro();

    [GeneratedRegex(@"\beur(?:o)?\b")]
    private static partial Regex EuroWord();

    [GeneratedRegex(@"\baantal\b|^#$")]
    private static partial Regex AantalWord();

    [GeneratedRegex(@"^(?:eind|sub|algemeen\s+|globaal\s+)?tota(?:al|le?|l)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TotalLabel();
}
