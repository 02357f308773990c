using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using QaIngest.Parse;

namespace QaIngest.Figures;

/// <summary>
/// The figure facts of one gold file (<c>shared/gold/NNN_*.json</c>): the seed it belongs to, its
/// money amounts, percentages and counts, and its sums. Reads JSON text; the caller reads the file.
/// </summary>
public sealed record FigureGoldFile(string File, ImmutableArray<GoldFigure> Figures, ImmutableArray<GoldSum> Sums)
{
    /// <summary>
    /// Reads a gold file's JSON. Returns null for JSON that is not a gold file for a seed (no
    /// <c>"file"</c>, as in <c>queries.json</c>) and for a location it cannot read, rather than guessing.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static FigureGoldFile? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var figures = ImmutableArray.CreateBuilder<GoldFigure>();
        foreach (var (property, kind) in (ReadOnlySpan<(string, FigureKind)>)[("money", FigureKind.Money), ("percentages", FigureKind.Percentage), ("counts", FigureKind.Count)])
        {
            if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in list.EnumerateArray())
            {
                var location = ParseWhere(String(item, "where"));
                if (location is null || !item.TryGetProperty("value", out var value))
                {
                    return null;
                }

                figures.Add(new GoldFigure(kind, value.GetDecimal(), location)
                {
                    Text = String(item, "text"),
                    Currency = String(item, "currency"),
                    Per = String(item, "per"),
                });
            }
        }

        var sums = ImmutableArray.CreateBuilder<GoldSum>();
        if (root.TryGetProperty("sums", out var sumList) && sumList.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in sumList.EnumerateArray())
            {
                var location = ParseWhere(String(item, "where"));
                if (location is null)
                {
                    return null;
                }

                var parts = item.GetProperty("parts").EnumerateArray().Select(p => p.GetDecimal()).ToImmutableArray();
                sums.Add(new GoldSum(item.GetProperty("total").GetDecimal(), parts, location));
            }
        }

        return new FigureGoldFile(file.GetString()!, figures.ToImmutable(), sums.ToImmutable());
    }

    /// <summary>
    /// Reads a gold location: "preamble", "answer preamble", "title", "question 6", "answer 8",
    /// "answer 6b". Returns null for anything else.
    /// </summary>
    public static TextLocation? ParseWhere(string? where)
    {
        if (string.IsNullOrWhiteSpace(where))
        {
            return null;
        }

        var words = where.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words)
        {
            case ["preamble"]:
                return new TextLocation(Section.Preamble);
            case ["title"]:
                return new TextLocation(Section.Title);
            case ["answer", "preamble"] or ["answerpreamble"]:
                return new TextLocation(Section.AnswerPreamble);
            case ["question" or "answer", var item]:
                var digits = item.TakeWhile(char.IsAsciiDigit).Count();
                if (digits == 0 || !int.TryParse(item.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    return null;
                }

                var part = digits < item.Length ? item[digits..] : null;
                return new TextLocation(words[0] == "question" ? Section.Question : Section.Answer, number, part);
            default:
                return null;
        }
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
