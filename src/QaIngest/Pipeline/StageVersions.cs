using System.Collections.Immutable;
using QaIngest.Extract;
using QaIngest.Fetch;
using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;

namespace QaIngest.Pipeline;

/// <summary>
/// The version of each stage's output. A stage whose version differs from the one recorded for a
/// document is redone, and so is every stage after it, from the stored raw file.
/// </summary>
public sealed record StageVersions
{
    public StageVersions(ImmutableDictionary<PipelineStage, int> versions) => Versions = versions;

    /// <summary>The versions the code has now (each stage's <c>StageVersion</c> constant).</summary>
    public static StageVersions Current { get; } = new(new Dictionary<PipelineStage, int>
    {
        [PipelineStage.Fetch] = DocumentFetcher.StageVersion,
        [PipelineStage.Extract] = TextExtractor.StageVersion,
        [PipelineStage.Parse] = QuestionParser.StageVersion,
        [PipelineStage.Figures] = FigureExtractor.StageVersion,
        [PipelineStage.Index] = IndexSchema.Version,
    }.ToImmutableDictionary());

    public ImmutableDictionary<PipelineStage, int> Versions { get; }

    public int this[PipelineStage stage] => Versions[stage];

    /// <summary>The same versions with one stage's changed (how a test plays a parser upgrade).</summary>
    public StageVersions With(PipelineStage stage, int version) => new(Versions.SetItem(stage, version));
}
