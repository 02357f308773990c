namespace QaIngest.Figures;

/// <summary>
/// Precision and recall for one kind of figure: how many were found, expected and matched.
/// With nothing found precision is 1; with nothing expected recall is 1.
/// </summary>
public sealed record KindScore(FigureKind Kind, int Found, int Expected, int Matched)
{
    public double Precision => Found == 0 ? 1.0 : (double)Matched / Found;

    public double Recall => Expected == 0 ? 1.0 : (double)Matched / Expected;

    /// <summary>The score over two sets of documents.</summary>
    public KindScore Add(KindScore other) =>
        Kind == other.Kind
            ? new KindScore(Kind, Found + other.Found, Expected + other.Expected, Matched + other.Matched)
            : throw new ArgumentException($"Cannot add a {other.Kind} score to a {Kind} score.", nameof(other));
}
