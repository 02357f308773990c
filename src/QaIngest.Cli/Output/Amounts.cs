using System.Globalization;

namespace QaIngest.Cli.Output;

/// <summary>Formats amounts for people: "EUR 24,000,000".</summary>
public static class Amounts
{
    public static string Format(decimal value, string? currency) =>
        $"{(currency is null ? "" : currency + " ")}{value.ToString(value == decimal.Truncate(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture)}";
}
