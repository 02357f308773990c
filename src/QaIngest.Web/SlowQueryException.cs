namespace QaIngest.Web;

/// <summary>A search did not finish within <see cref="ServeOptions.QueryTimeout"/>.</summary>
public sealed class SlowQueryException(TimeSpan limit) : Exception($"the query took longer than {limit.TotalSeconds:0.#} s and was stopped; make it narrower (more words, a year, a minister)")
{
    public TimeSpan Limit { get; } = limit;
}
