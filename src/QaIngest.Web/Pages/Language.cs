using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace QaIngest.Web.Pages;

/// <summary>
/// The interface language of a page: Dutch by default, English with <c>?lang=en</c> or a browser
/// that prefers English. Numbers and dates are written by hand (the process runs with invariant
/// globalization, so no Dutch culture is available).
/// </summary>
public sealed class Language
{
    public static readonly Language Dutch = new("nl", ".", ",", ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]);
    public static readonly Language English = new("en", ",", ".", ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]);

    private readonly string thousands;
    private readonly string decimals;
    private readonly string[] months;

    private Language(string code, string thousands, string decimals, string[] months)
    {
        Code = code;
        this.thousands = thousands;
        this.decimals = decimals;
        this.months = months;
    }

    public string Code { get; }

    /// <summary>True when the request named the language (<c>?lang=</c>): links then carry it on.</summary>
    public bool Explicit { get; private init; }

    /// <summary>The language a request asks for.</summary>
    public static Language Of(HttpRequest request)
    {
        var asked = request.Query["lang"].ToString();
        if (asked is "en" or "nl")
        {
            return (asked == "en" ? English : Dutch).Explicitly();
        }

        var accept = request.Headers.AcceptLanguage.ToString();
        foreach (var part in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = part.Split(';')[0].Trim();
            if (tag.StartsWith("nl", StringComparison.OrdinalIgnoreCase))
            {
                return Dutch;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return English;
            }
        }

        return Dutch;
    }

    private Language Explicitly() => new(Code, thousands, decimals, months) { Explicit = true };

    /// <summary>The interface text for a key, in this language.</summary>
    public string T(string key) => UiTexts.Get(key, Code == "en");

    /// <summary>24.000.000 (Dutch) or 24,000,000 (English); at most two decimals.</summary>
    public string Number(decimal value)
    {
        var invariant = value.ToString(value == decimal.Truncate(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);
        return invariant.Replace(",", "\u0001", StringComparison.Ordinal).Replace(".", decimals, StringComparison.Ordinal).Replace("\u0001", thousands, StringComparison.Ordinal);
    }

    public string Amount(decimal value, string? currency) => currency is null ? Number(value) : $"{currency} {Number(value)}";

    /// <summary>8 juni 2022 / 8 June 2022.</summary>
    public string Date(DateOnly date) => $"{date.Day} {months[date.Month - 1]} {date.Year}";
}
