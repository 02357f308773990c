using System.Text.Json;

namespace QaIngest.Tests.Parse;

/// <summary>
/// The facts a person wrote down by reading one real written question (Fixtures/real/&lt;id&gt;.txt,
/// as ../shared/real-texts has it, four scraper lines first). See Fixtures/real/README.md for
/// what each field means and how the documents were chosen.
/// </summary>
internal sealed record RealGoldFacts
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public required string File { get; init; }
    public List<string> Variety { get; init; } = [];
    public bool NoBody { get; init; }
    public int? Number { get; init; }
    public DateOnly? Date { get; init; }
    public string? Asker { get; init; }
    /// <summary>The minister the question is addressed to, display-cased; null for an agency or no body.</summary>
    public string? Minister { get; init; }
    /// <summary>For a <c>VRAAG OM INFORMATIE</c>: the agency it is addressed to (then <see cref="Minister"/> is null).</summary>
    public string? Addressee { get; init; }
    public string? Title { get; init; }
    /// <summary>False when the text has no subject line (an answer-only document): a parse then finds no title.</summary>
    public bool TitleInText { get; init; } = true;
    public List<RealGoldItem> Questions { get; init; } = [];
    public List<RealGoldItem> Answers { get; init; } = [];
    /// <summary>The items of an AANVULLEND ANTWOORD that follows the normal answer in the same document.</summary>
    public List<RealGoldItem>? SupplementaryAnswers { get; init; }
    /// <summary>numbered, single-block, deferral or none.</summary>
    public required string AnswerKind { get; init; }
    public List<RealGoldMinister>? Ministers { get; init; }
    public bool SupplementaryAnswer { get; init; }
    public bool AnswerOnly { get; init; }
    public bool Coordinated { get; init; }
    public bool Annex { get; init; }
    public string? DeferredTo { get; init; }
    public List<RealGoldMoney> Money { get; init; } = [];
    public List<RealGoldPercentage> Percentages { get; init; } = [];
    public List<RealGoldTableAmount> TableAmounts { get; init; } = [];
    public string? Note { get; init; }

    public static string Folder => Repo.Fixture("Parse", "Fixtures", "real");

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal);

    public static RealGoldFacts Load(string path) =>
        JsonSerializer.Deserialize<RealGoldFacts>(System.IO.File.ReadAllText(path), Options)
        ?? throw new InvalidDataException(path);

    /// <summary>
    /// Splits a scraped file into the site's title (the <c>title:</c> line) and the PDF's text: the
    /// scraper wrote <c>title:</c>, <c>thema:</c> (whose value can run onto more lines),
    /// <c>pdf link:</c> and <c>thema link:</c>; the text starts after the <c>thema link:</c> line.
    /// </summary>
    public static (string Title, string Body) Strip(string scraped)
    {
        var lines = scraped.Split('\n');
        if (!lines[0].StartsWith("title:", StringComparison.Ordinal))
        {
            throw new InvalidDataException("no title: line");
        }

        var last = Array.FindIndex(lines, l => l.StartsWith("thema link:", StringComparison.Ordinal));
        if (last < 0)
        {
            throw new InvalidDataException("no thema link: line");
        }

        return (lines[0]["title:".Length..].Trim(), string.Join('\n', lines[(last + 1)..]));
    }
}

/// <summary>
/// A numbered question or answer. <c>N</c> is the first question an answer covers; <c>Label</c> is
/// the label as written when it is not just N ("1-2", "8 en 9", "" for an unnumbered block).
/// </summary>
internal sealed record RealGoldItem(int N, string? Label, List<int>? Covers, List<string>? Parts);

internal sealed record RealGoldMinister(string Name, int Number);

/// <summary>
/// A money amount in running text. <c>WrittenValue</c> is set where the text's separators are
/// misplaced ("1.591.505.98 euro"): the strict reading of what is written, which also counts as found.
/// </summary>
internal sealed record RealGoldMoney(string Text, decimal Value, string Currency, string? Where, decimal? WrittenValue = null);

internal sealed record RealGoldPercentage(string Text, decimal Value);

/// <summary>
/// An amount in a flattened table. <c>Value</c> is the number as written; <c>Scale</c> is set when the
/// table's header gives a unit (K€ = 1000), so the amount in euro is Value × Scale.
/// </summary>
internal sealed record RealGoldTableAmount(string Text, decimal Value, decimal? Scale, string Row, string Column, string? Where);
