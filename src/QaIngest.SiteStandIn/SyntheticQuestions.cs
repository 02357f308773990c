using System.Globalization;
using System.Text;

namespace QaIngest.SiteStandIn;

/// <summary>
/// Generated written questions (link ids 900001…) laid out like the seeds: header, subject,
/// preamble, numbered questions, <c>ANTWOORD</c>, numbered answers, and for every tenth an annex
/// trailer (<c>link?id=95xxxx</c>). Paragraphs are drawn from the seeds; each document is unique
/// and the same on every start.
/// </summary>
internal static class SyntheticQuestions
{
    public const int FirstLinkId = 900001;
    public const int AnnexBase = 950000;

    private static readonly string[] Askers = ["Bob Savenberg", "Robrecht Bothuyne", "Tom Ongena", "Suzy Wouters", "An Verstraete", "Pieter De Smet"];
    private static readonly string[] Ministers = ["Jo Brouns", "Zuhal Demir", "Hilde Crevits", "Ben Weyts"];
    private static readonly string[] Themes = ["Werk en sociale economie", "Onderwijs", "Leefmilieu en natuur", "Welzijn"];
    private static readonly string[] Months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>Body paragraphs of the seed texts (no headers, numbering or links), in file order.</summary>
    public static IReadOnlyList<string> Paragraphs(string seedsDirectory)
    {
        var paragraphs = new List<string>();
        foreach (var file in Directory.EnumerateFiles(seedsDirectory, "*.txt").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\f', '\n');
            foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var lines = block.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
                var joined = string.Join(' ', lines);
                if (lines.Length >= 2 && joined.Length > 120 && !joined.Contains("http", StringComparison.OrdinalIgnoreCase)
                    && char.IsUpper(joined.TrimStart()[0]) && !joined.Contains("ANTWOORD", StringComparison.Ordinal)
                    && !joined.Contains("SCHRIFTELIJKE", StringComparison.Ordinal))
                {
                    paragraphs.Add(string.Join('\n', lines.Select(l => l.Trim())));
                }
            }
        }

        return paragraphs.Count >= 10 ? paragraphs : throw new InvalidOperationException($"{seedsDirectory}: too few paragraphs to build synthetic documents");
    }

    public static SiteDocument Question(int k, IReadOnlyList<string> paragraphs)
    {
        var linkId = FirstLinkId + k - 1;
        var random = new Random(linkId);
        var date = new DateOnly(2024, 1, 1).AddDays((k - 1) / 3);
        var asker = Askers[k % Askers.Length];
        var minister = Ministers[k % Ministers.Length];
        var title = $"Synthetische vraag {linkId} - {Themes[k % Themes.Length]}";
        var questions = 2 + random.Next(3);
        string Pick() => paragraphs[random.Next(paragraphs.Count)];

        var text = new StringBuilder();
        text.Append("SCHRIFTELIJKE VRAAG\n\n");
        text.Append(CultureInfo.InvariantCulture, $"nr. {k}\nvan {asker.ToUpperInvariant()}\ndatum: {Dutch(date)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"aan {minister.ToUpperInvariant()}\nVLAAMS MINISTER VAN WERK, ECONOMIE EN LANDBOUW\n\n");
        text.Append(title).Append("\n\n").Append(Pick()).Append("\n\n");
        for (var i = 1; i <= questions; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i}. ").Append(Pick().TrimEnd('.')).Append("?\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{minister.ToUpperInvariant()}\nVLAAMS MINISTER VAN WERK, ECONOMIE EN LANDBOUW\n\n");
        text.Append(CultureInfo.InvariantCulture, $"ANTWOORD\nop vraag nr. {k} van {Dutch(date)}\nvan {asker.ToUpperInvariant()}\n\n");
        int? annex = k % 10 == 0 ? AnnexBase + k : null;
        for (var i = 1; i <= questions; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i}. ").Append(Pick());

            // The last answer points at its annex's sheet, as real answers do ("zie bijlage 1, tabblad 1").
            text.Append(annex is not null && i == questions ? " Zie bijlage 1, tabblad 1 voor het overzicht per maand.\n\n" : "\n\n");
        }

        if (annex is { } annexId)
        {
            text.Append(CultureInfo.InvariantCulture, $"Overzicht per maand\n\nhttps://www.vlaamsparlement.be/link?id={annexId}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return new SiteDocument
        {
            LinkId = linkId,
            QuestionId = 1_900_000 + k,
            Bytes = bytes,
            ContentType = "text/plain; charset=utf-8",
            Number = k,
            Date = date,
            Asker = asker,
            Minister = minister,
            Title = title,
            Themes = [Themes[k % Themes.Length]],
            Annexes = annex is { } a ? [a] : [],
            ETag = SiteCatalog.ETagOf(bytes),
            LastModified = SiteCatalog.Published(date),
        };
    }

    public static SiteDocument Annex(int annexId, string title)
    {
        var bytes = MinimalXlsx.Create(title, [("januari", annexId % 997), ("februari", annexId % 991), ("maart", annexId % 983)]);
        return new SiteDocument
        {
            LinkId = annexId,
            Bytes = bytes,
            ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Title = title,
            ETag = SiteCatalog.ETagOf(bytes),
            LastModified = SiteCatalog.Published(new DateOnly(2024, 1, 1)),
        };
    }

    private static string Dutch(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";
}
