using System.Text;
using QaIngest.Figures;

namespace QaIngest.Cli.Output;

/// <summary>The figures and checks of a written question, one line each, for people at a terminal.</summary>
public static class FigureOutline
{
    public static string Render(FigureExtraction extraction)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"figures ({extraction.Figures.Length}):");
        foreach (var f in extraction.Figures)
        {
            var value = f.IsMoney ? Amounts.Format(f.Value, f.Currency) : f.Kind == FigureKind.Percentage ? $"{f.Value} %" : Amounts.Format(f.Value, null);
            var extra = string.Join(", ", new[]
            {
                f.Per is null ? null : $"per {f.Per}",
                f.Unit is null || f.Kind == FigureKind.Percentage ? null : f.Unit,
                f.RangeEnd is { } end ? $"up to {Amounts.Format(end, f.Currency)}" : null,
                f.Qualifier,
                f.Implied ? "currency implied" : null,
                f.Years.Length > 0 ? $"years {string.Join(' ', f.Years)}" : null,
                f.Row is null ? null : $"row '{f.Row}'" + (f.Column is { Length: > 0 } column ? $", column '{column}'" : "") + (f.Sheet is { } sheet ? $", {sheet}" : ""),
            }.OfType<string>());
            sb.AppendLine($"  {f.Location,-12} {f.Kind.ToString().ToLowerInvariant(),-10} {value}{(extra.Length > 0 ? $" ({extra})" : "")}  \"{f.Text}\"");
        }

        foreach (var c in extraction.Checks)
        {
            var op = c.Kind == CheckKind.Sum ? " + " : " × ";
            sb.AppendLine($"  check {c.Kind.ToString().ToLowerInvariant()} in {c.Location}: {string.Join(op, c.Parts.Select(p => Amounts.Format(p.Value, null)))} = {Amounts.Format(c.Computed, null)}, "
                + $"stated {Amounts.Format(c.Total.Value, c.Total.Currency)}: {(c.Holds ? "holds" : "DOES NOT HOLD")}");
        }

        return sb.ToString();
    }
}
