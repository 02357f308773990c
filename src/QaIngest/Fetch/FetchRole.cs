namespace QaIngest.Fetch;

/// <summary>Whether a fetched file is a written question's document or an annex of one.</summary>
public enum FetchRole
{
    Document,
    Annex,
}
