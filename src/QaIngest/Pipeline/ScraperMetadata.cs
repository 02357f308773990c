using System.Collections.Immutable;

namespace QaIngest.Pipeline;

/// <summary>
/// The four lines a scraper put before the text of a real written question (<c>title:</c>,
/// <c>thema:</c> whose value can run onto further lines, <c>pdf link:</c>, <c>thema link:</c>), as
/// the parliament's site gives them: metadata the pipeline stores, never text the parser sees.
/// </summary>
public sealed record ScraperMetadata(string? Title, ImmutableArray<string> Themes, string? PdfUrl, string? PageUrl)
{
    // The lines stand at the very top; a body that mentions "thema:" further down is not metadata.
    private const int MaxHeaderLines = 12;

    /// <summary>
    /// The metadata and the text after it; null metadata (and the whole text as body) when the text
    /// does not start with <c>title:</c> or has no link line, i.e. is not a scraped file. Pure.
    /// </summary>
    public static (ScraperMetadata? Metadata, string Body) Split(string raw)
    {
        if (!raw.StartsWith("title:", StringComparison.Ordinal))
        {
            return (null, raw);
        }

        var lines = raw.Split('\n');
        string? title = null, pdf = null, page = null;
        var themes = ImmutableArray.CreateBuilder<string>();
        var inThemes = false;
        var bodyStart = -1;
        for (var i = 0; i < Math.Min(lines.Length, MaxHeaderLines); i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                title = Value(line, "title:");
            }
            else if (line.StartsWith("thema:", StringComparison.Ordinal))
            {
                AddTheme(themes, Value(line, "thema:"));
                inThemes = true;
            }
            else if (line.StartsWith("pdf link:", StringComparison.Ordinal))
            {
                pdf = Value(line, "pdf link:");
                inThemes = false;
                bodyStart = i + 1;
            }
            else if (line.StartsWith("thema link:", StringComparison.Ordinal))
            {
                page = Value(line, "thema link:");
                inThemes = false;
                bodyStart = i + 1;
            }
            else if (inThemes)
            {
                // A document with several themes lists one a line under "thema:".
                AddTheme(themes, line.Trim());
            }
            else if (bodyStart >= 0)
            {
                break;
            }
        }

        if (bodyStart < 0)
        {
            return (null, raw);
        }

        return (new ScraperMetadata(title, themes.ToImmutable(), pdf, page), string.Join('\n', lines[bodyStart..]));
    }

    private static string? Value(string line, string label)
    {
        var value = line[label.Length..].Trim();
        return value.Length == 0 ? null : value;
    }

    private static void AddTheme(ImmutableArray<string>.Builder themes, string? theme)
    {
        if (!string.IsNullOrEmpty(theme) && !themes.Contains(theme))
        {
            themes.Add(theme);
        }
    }
}
