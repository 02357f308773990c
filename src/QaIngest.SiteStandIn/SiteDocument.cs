using System.Collections.Immutable;

namespace QaIngest.SiteStandIn;

/// <summary>One file the stand-in serves (a written question's document or an annex), with the metadata its pages and APIs show.</summary>
public sealed record SiteDocument
{
    public required int LinkId { get; init; }
    /// <summary>The open-data id of the question; null for annexes.</summary>
    public int? QuestionId { get; init; }
    public required byte[] Bytes { get; init; }
    public required string ContentType { get; init; }
    public int? Number { get; init; }
    public DateOnly Date { get; init; }
    public string? Asker { get; init; }
    public string? Minister { get; init; }
    public string? Title { get; init; }
    public ImmutableArray<string> Themes { get; init; } = [];
    public ImmutableArray<int> Annexes { get; init; } = [];
    /// <summary>The permalink leads to the question's HTML page rather than straight to the file.</summary>
    public bool LandingPage { get; init; }
    public required string ETag { get; init; }
    public DateTimeOffset LastModified { get; init; }

    /// <summary>The file as it changes over time, oldest first; empty for a file that never changes (served as <see cref="Bytes"/>).</summary>
    public ImmutableArray<SiteVersion> Versions { get; init; } = [];

    /// <summary>The document as the site shows it on <paramref name="day"/>: its version of that day, or null before it is published.</summary>
    public SiteDocument? On(DateOnly day)
    {
        if (Versions.IsDefaultOrEmpty)
        {
            return this;
        }

        var current = Versions.LastOrDefault(v => v.From <= day);
        return current is null ? null : this with { Bytes = current.Bytes, ETag = current.ETag, LastModified = current.LastModified };
    }

    /// <summary>The open-data record's course of procedure on <paramref name="day"/>: each status with its day.</summary>
    public IEnumerable<(DateOnly Day, string Status)> Procedure(DateOnly day) =>
        Versions.IsDefaultOrEmpty
            ? [(Date, "Vraag gesteld aan de minister")]
            : Versions.Where(v => v.From <= day).Select(v => (v.From, v.Status)).DistinctBy(v => v.Status);

    /// <summary>Session years start in September: 2024-01-11 is in 2023-2024.</summary>
    public string SessionYear => Date.Month >= 9 ? $"{Date.Year}-{Date.Year + 1}" : $"{Date.Year - 1}-{Date.Year}";
}
