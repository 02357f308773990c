namespace QaIngest.Pipeline;

/// <summary>One alert: an item that a saved search matched, identified by the hash of its text, and the JSON that describes it.</summary>
public sealed record AlertEntry(string Search, string ItemHash, DateTimeOffset CreatedAt, string Json);
