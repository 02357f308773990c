using System.Collections.Immutable;

namespace QaIngest.Pipeline;

/// <summary>Stage names as pipeline files and the state table spell them, in one place.</summary>
public static class StageNames
{
    public static ImmutableArray<PipelineStage> All { get; } = [PipelineStage.Fetch, PipelineStage.Extract, PipelineStage.Parse, PipelineStage.Figures, PipelineStage.Index];

    public static string Name(this PipelineStage stage) => stage switch
    {
        PipelineStage.Fetch => "fetch",
        PipelineStage.Extract => "extract",
        PipelineStage.Parse => "parse",
        PipelineStage.Figures => "figures",
        PipelineStage.Index => "index",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static bool TryParse(string? name, out PipelineStage stage)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                stage = candidate;
                return true;
            }
        }

        stage = default;
        return false;
    }
}
