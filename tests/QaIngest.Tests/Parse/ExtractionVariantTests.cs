using System.Text;
using System.Text.RegularExpressions;
using QaIngest.Parse;

namespace QaIngest.Tests.Parse;

/// <summary>
/// Other tools (pdftotext, pypdf, Flempar) lay the same document out differently. Each variant
/// here rewrites a seed the way such a tool does; the parse must still find every gold fact.
/// </summary>
public partial class ExtractionVariantTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in GoldFacts.Files())
        {
            foreach (var variant in new[] { "no-layout-hints", "labels-alone", "one-word-per-line", "minister-block", "crlf" })
            {
                data.Add(Path.GetFileName(file), variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_SeedAsOtherToolsLayItOut_FindsEveryGoldFact(string goldFile, string variant)
    {
        var gold = GoldFacts.Load(Repo.Fixture("Parse", "Fixtures", "gold", goldFile));
        var text = Rewrite(File.ReadAllText(Repo.Seed(gold.File)), variant);

        var result = QuestionParser.Parse(text);

        Assert.True(result.Success, result.Error);
        gold.AssertFoundIn(result.Value);
    }

    [Fact]
    public void Parse_OneWordPerLine_KeepsItemTextIntact()
    {
        var text = Rewrite(File.ReadAllText(Repo.Seed("001_98b0514b58b8ebbf.txt")), "one-word-per-line");

        var q = QuestionParser.Parse(text).Value!;

        Assert.Equal("Het antwoord op vraag 4, zie bijlage 1, tabblad 4.", q.Answers.Single(a => a.Number == 4).Text);
    }

    [Theory]
    [InlineData("vrg_en_antw.235.pdftotext-layout.txt")]
    [InlineData("vrg_en_antw.235.pdftotext-raw.txt")]
    public void Parse_RealDocumentAsPdftotextLaysItOut_FindsEveryFact(string file)
    {
        var folder = Repo.Fixture("Parse", "Fixtures", "layouts");
        var facts = GoldFacts.Load(Path.Combine(folder, "vrg_en_antw.235.facts.json"));

        var result = QuestionParser.Parse(File.ReadAllText(Path.Combine(folder, file)));

        Assert.True(result.Success, result.Error);
        facts.AssertFoundIn(result.Value);
    }

    private static string Rewrite(string text, string variant)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return variant switch
        {
            // pypdf and Flempar: no leading indentation and no trailing spaces.
            "no-layout-hints" => string.Join('\n', lines.Select(l => l.Trim())),

            // "1." then "Worden er …", "c)" then "Wat gebeurt …" on the next line.
            "labels-alone" => string.Join('\n', lines.Select(l => Label().Replace(l, "$1\n"))),

            // A justified line that comes out one word per line (prose lines only; labels stay first).
            "one-word-per-line" => string.Join('\n', lines.Select(SplitWords)),

            // The minister's name and title block right before ANTWOORD.
            "minister-block" => text.Replace(" ANTWOORD", "JAN JAMBON\nVLAAMS MINISTER VAN WERK EN SOCIALE ECONOMIE\nANTWOORD", StringComparison.Ordinal),

            "crlf" => string.Join("\r\n", lines),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
    }

    private static string SplitWords(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Split(' ').Length < 6 || trimmed.StartsWith("http", StringComparison.Ordinal) || trimmed == trimmed.ToUpperInvariant()
            || trimmed.StartsWith("op vraag", StringComparison.Ordinal) || trimmed.StartsWith("van ", StringComparison.Ordinal) || trimmed.StartsWith("datum", StringComparison.Ordinal))
        {
            return line;
        }

        var label = Label().Match(trimmed);
        var head = label.Success ? label.Groups[1].Value + " " : string.Empty;
        var words = trimmed[head.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(head);
        sb.AppendJoin('\n', words);
        return sb.ToString();
    }

    [GeneratedRegex(@"^\s*(\d{1,2}\.|[a-z]\))\s+")]
    private static partial Regex Label();
}
