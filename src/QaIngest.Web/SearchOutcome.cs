namespace QaIngest.Web;

/// <summary>What a search or amount list gave: the answer or the problem, whether it came from the result cache, and how long the service took.</summary>
public sealed record SearchOutcome<T>(T? Value, WebProblem? Problem, bool Cached, double Milliseconds);
