using System.Text.Json;

namespace QaIngest.Tests.Figures;

/// <summary>One row of <c>Fixtures/sentences.json</c>: a sentence and every figure and check it must give.</summary>
internal sealed record SentenceCase(string Sentence, string? Note, List<ExpectedFigure> Figures, List<ExpectedCheck>? Checks)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<IReadOnlyList<SentenceCase>> All = new(() =>
        JsonSerializer.Deserialize<SentenceFile>(File.ReadAllText(Repo.Fixture("Figures", "Fixtures", "sentences.json")), Options)!.Cases);

    public static IReadOnlyList<SentenceCase> Load() => All.Value;

    public static SentenceCase Find(string sentence) => All.Value.Single(c => c.Sentence == sentence);

    private sealed record SentenceFile(List<SentenceCase> Cases);
}

/// <summary>A figure a fixture sentence must give; properties left out of the JSON are not checked.</summary>
internal sealed record ExpectedFigure(string Kind, decimal Value, string Text)
{
    public string? Currency { get; init; }
    public string? Unit { get; init; }
    public string? Per { get; init; }
    public string? Qualifier { get; init; }
    public decimal? RangeEnd { get; init; }
    public bool? Implied { get; init; }
    public List<int>? Years { get; init; }
}

/// <summary>A check a fixture sentence must give.</summary>
internal sealed record ExpectedCheck(string Kind, decimal Total, List<decimal> Parts, bool Holds);
