using System.Text.Json;
using System.Text.Json.Serialization;
using QaIngest.Parse;

namespace QaIngest.Tests.Parse;

/// <summary>The structural facts a gold file (../shared/gold, copied to Fixtures/gold) says a parse must find.</summary>
internal sealed record GoldFacts
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public required string File { get; init; }
    public int? Number { get; init; }
    public DateOnly? Date { get; init; }
    public string? Asker { get; init; }
    public string? Minister { get; init; }
    public string? MinisterTitle { get; init; }
    public string? Title { get; init; }
    public List<GoldItem> Questions { get; init; } = [];
    public List<GoldItem> Answers { get; init; } = [];
    public bool? AnswerPreamble { get; init; }
    public GoldAnswerHeader? AnswerHeader { get; init; }
    public List<GoldAnnex>? Annexes { get; init; }
    public List<int>? LinkIds { get; init; }
    public List<string>? Urls { get; init; }
    public List<GoldCrossReference>? CrossReferences { get; init; }
    public List<string>? MustContain { get; init; }

    public static GoldFacts Load(string path) =>
        JsonSerializer.Deserialize<GoldFacts>(System.IO.File.ReadAllText(path), Options)
        ?? throw new InvalidDataException(path);

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Repo.Fixture("Parse", "Fixtures", "gold"), "*.json")
            .Where(f => Path.GetFileName(f)[0] is >= '0' and <= '9')
            .Order(StringComparer.Ordinal);

    /// <summary>Asserts every fact against a parse; the message names the document and the fact.</summary>
    public void AssertFoundIn(WrittenQuestion q)
    {
        Check(Number, q.Number, "number");
        Check(Date, q.Date, "date");
        Check(Asker, q.Asker, "asker");
        Check(Minister, q.Minister, "minister");

        if (MinisterTitle is not null)
        {
            Check(MinisterTitle, q.MinisterTitle, "ministerTitle");
        }

        Check(Title, q.Title, "title");
        Check(string.Join(",", Questions.Select(g => g.N)), string.Join(",", q.Questions.Select(i => i.Number)), "question numbers");
        foreach (var g in Questions)
        {
            var item = q.Questions.Single(i => i.Number == g.N);
            Check(string.Join(",", g.Parts ?? []), string.Join(",", item.Parts.Select(p => p.Label)), $"parts of question {g.N}");
        }

        Check(string.Join(",", Answers.Select(g => g.N)), string.Join(",", q.Answers.Select(i => i.Number)), "answer numbers");
        foreach (var g in Answers)
        {
            var item = q.Answers.Single(i => i.Number == g.N);
            Check(string.Join(",", g.Parts ?? []), string.Join(",", item.Parts.Select(p => p.Label)), $"parts of answer {g.N}");
            Check(g.SeeAnswer, item.SeeAnswer, $"seeAnswer of answer {g.N}");
            Check(
                string.Join(";", (g.AnnexRefs ?? []).Select(r => $"{r.Annex}/{r.Sheet}")),
                string.Join(";", item.AnnexReferences.Select(r => $"{r.Annex}/{r.Sheet}")),
                $"annex references of answer {g.N}");
            Check(g.N, item.Question, $"pairing of answer {g.N}");
        }

        if (AnswerPreamble is { } hasPreamble)
        {
            Check(hasPreamble, q.AnswerPreamble is not null, "answer preamble present");
        }

        if (AnswerHeader is { } h)
        {
            Check($"{h.Number} {h.Date} {h.Asker}", $"{q.AnswerHeader?.Number} {q.AnswerHeader?.Date} {q.AnswerHeader?.Asker}", "answer header");
        }

        if (LinkIds is not null)
        {
            Check(string.Join(",", LinkIds), string.Join(",", q.LinkIds), "link ids");
        }

        foreach (var url in Urls ?? [])
        {
            Assert.True(q.Urls.Contains(url), $"{File}: url {url} not found in [{string.Join(", ", q.Urls)}]");
        }

        foreach (var annex in Annexes ?? [])
        {
            Assert.True(
                q.Annexes.Any(a => a.Title == annex.Title && a.LinkId == annex.LinkId),
                $"{File}: annex '{annex.Title}' ({annex.LinkId}) not found");
        }

        var allText = string.Join('\n', new[] { q.Title, q.Preamble, q.AnswerPreamble }
            .Concat(q.Questions.Select(i => i.FullText)).Concat(q.Answers.Select(i => i.FullText)).OfType<string>());
        foreach (var text in MustContain ?? [])
        {
            Assert.True(allText.Contains(text, StringComparison.Ordinal), $"{File}: text '{text}' not found");
        }

        foreach (var reference in CrossReferences ?? [])
        {
            Assert.True(
                q.CrossReferences.Any(r => r.Number == reference.Number && r.Date == reference.Date && r.Location.ToString() == reference.Where),
                $"{File}: cross-reference nr. {reference.Number} of {reference.Date} in {reference.Where} not found");
        }
    }

    private void Check<T>(T expected, T actual, string fact) =>
        Assert.True(EqualityComparer<T>.Default.Equals(expected, actual), $"{File}: {fact}: expected '{expected}', got '{actual}'");
}

internal sealed record GoldItem(int N, List<string>? Parts, int? SeeAnswer, List<GoldAnnexRef>? AnnexRefs);

internal sealed record GoldAnnexRef(int Annex, int? Sheet);

internal sealed record GoldAnnex(string? Title, int? LinkId);

internal sealed record GoldAnswerHeader(int? Number, DateOnly? Date, string? Asker);

internal sealed record GoldCrossReference(int Number, DateOnly? Date, string? Where);
