namespace QaIngest.Cli;

/// <summary>
/// The scraped real texts of <c>shared/real-texts</c>: four lines a scraper added (<c>title:</c>,
/// <c>thema:</c> whose value can run onto further lines, <c>pdf link:</c>, <c>thema link:</c>),
/// then the PDF's text. A parser never sees those lines in production, so they are cut off here.
/// </summary>
public static class ScrapedText
{
    /// <summary>The site's title (null when there is no <c>title:</c> line) and the text after the scraper lines.</summary>
    public static (string? Title, string Body) Split(string raw)
    {
        var lines = raw.Split('\n');
        string? title = null;
        var bodyStart = 0;
        for (var i = 0; i < Math.Min(lines.Length, 12); i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i == 0 && line.StartsWith("title:", StringComparison.Ordinal))
            {
                title = line["title:".Length..].Trim();
                bodyStart = 1;
            }
            else if (line.StartsWith("pdf link:", StringComparison.Ordinal) || line.StartsWith("thema link:", StringComparison.Ordinal))
            {
                bodyStart = i + 1;
            }
        }

        return (title, string.Join('\n', lines[bodyStart..]));
    }
}
