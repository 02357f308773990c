using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace QaIngest.Web.Pages;

/// <summary>A bar chart of amounts by year as SVG, drawn by hand: one bar a year, its height the year's sum.</summary>
internal static class AmountChart
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 90;
    private const int Bottom = 30;
    private const int Top = 20;

    public static Html Svg(Language l, ImmutableArray<YearAmount> years, string title)
    {
        if (years.IsDefaultOrEmpty)
        {
            return Html.Empty;
        }

        var highest = Math.Max(1m, years.Max(y => y.Sum));
        var step = (Width - Left - 10) / (double)years.Length;
        var bar = Math.Max(2, step * 0.7);
        var plot = Height - Bottom - Top;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - 5}\" y2=\"{Height - Bottom}\" class=\"axis\"/>");
        for (var i = 0; i < years.Length; i++)
        {
            var y = years[i];
            var h = (double)(y.Sum / highest) * plot;
            var x = Left + (i * step) + ((step - bar) / 2);
            sb.Append(Html.Of($"<g class=\"bar\"><title>{y.Year}: {l.Amount(y.Sum, "EUR")} ({y.Count})</title><rect x=\"{x:0.#}\" y=\"{Height - Bottom - h:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\"/>").Value);
            sb.Append(Html.Of($"<text x=\"{x + (bar / 2):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{y.Year}</text></g>").Value);
        }

        foreach (var fraction in new[] { 0m, 0.5m, 1m })
        {
            var y = Height - Bottom - (double)fraction * plot;
            sb.Append(Html.Of($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" class=\"tick\">{Short(l, highest * fraction)}</text>").Value);
        }

        return Html.Of($"<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"chart-title\" id=\"amount-chart\"><title id=\"chart-title\">{title}</title>{Html.Trusted(sb.ToString())}</svg><figcaption>{title}</figcaption></figure>");
    }

    private static string Short(Language l, decimal value) => value switch
    {
        >= 1_000_000_000m => l.Number(Math.Round(value / 1_000_000_000m, 1)) + (l.Code == "en" ? " bn" : " mld"),
        >= 1_000_000m => l.Number(Math.Round(value / 1_000_000m, 1)) + (l.Code == "en" ? " m" : " mln"),
        _ => l.Number(Math.Round(value)),
    };
}
