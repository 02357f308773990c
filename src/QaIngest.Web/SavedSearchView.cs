namespace QaIngest.Web;

/// <summary>A saved search of the pipeline with the alerts it has made so far.</summary>
public sealed record SavedSearchView(string Name, string Query, long Alerts, DateTimeOffset LastAlert);
