namespace QaIngest.Pipeline;

/// <summary>The stages of a pipeline, in the only order they can run.</summary>
public enum PipelineStage
{
    Fetch,
    Extract,
    Parse,
    Figures,
    Index,
}
