using System.Collections.Immutable;
using System.IO;
using Microsoft.Extensions.FileSystemGlobbing;
using QaIngest.Fetch;

namespace QaIngest.Pipeline;

/// <summary>Lists the documents of a pipeline's source: files by glob, link ids, or discovery through the site's search API.</summary>
public static class DocumentSources
{
    /// <summary>
    /// The files matching the globs under <paramref name="workingDirectory"/>, in ordinal order of their keys; <paramref name="notes"/> gets a line per glob that matched nothing.
    /// A directory reached through a symbolic link is not entered but listed itself, so the run records it as a failure ("not followed").
    /// </summary>
    public static ImmutableArray<PlannedDocument> Files(FilesSource source, string workingDirectory, List<string> notes)
    {
        var found = new SortedDictionary<string, PlannedDocument>(StringComparer.Ordinal);
        var root = Path.GetFullPath(workingDirectory);
        foreach (var glob in source.Globs)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(glob);
            var links = new List<string>();
            var matches = matcher.Execute(new UnlinkedDirectory(new DirectoryInfo(root), links.Add)).Files
                .Select(match => Path.GetFullPath(Path.Combine(root, match.Path)))
                .Concat(links)
                .ToList();
            if (matches.Count == 0)
            {
                notes.Add($"source.files: {glob} matched no file under {workingDirectory}");
            }

            foreach (var full in matches)
            {
                var document = PlannedDocument.File(Path.GetRelativePath(root, full), full);
                found.TryAdd(document.Key, document);
            }
        }

        return [.. found.Values];
    }

    /// <summary>The link ids of the source (the list, or the file's lines; # starts a comment).</summary>
    /// <exception cref="PipelineSourceException">The file cannot be read or has a line that is not a link id.</exception>
    public static ImmutableArray<PlannedDocument> LinkIds(LinkIdsSource source, string workingDirectory)
    {
        var ids = new List<LinkId>(source.Ids.Select(LinkId.Create));
        if (source.File is { } file)
        {
            var path = Path.Combine(workingDirectory, file);
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PipelineSourceException($"source.linkIds: cannot read {file}: {e.Message}");
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Split('#')[0].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                ids.Add(LinkId.TryParse(line, out var id) ? id : throw new PipelineSourceException($"{file}:{i + 1}: not a link id: {line}"));
            }
        }

        return [.. ids.Distinct().Select(id => PlannedDocument.Remote(FetchTarget.Link(id)))];
    }

    /// <summary>The discovery query of a run: the source's dates or session year, or from the last discovery (a day's overlap) to today.</summary>
    public static (SearchQuery Query, DateOnly? To) DiscoveryQuery(DiscoverSource source, DateOnly? lastDiscoveredTo, DateOnly today)
    {
        if (source.SessionYear is { } year)
        {
            return (SearchQuery.SessionYear(year), null);
        }

        if (source.SinceLastRun)
        {
            var from = lastDiscoveredTo?.AddDays(-1) ?? today.AddDays(-source.FirstRunDays);
            return (SearchQuery.PublishedBetween(from, today), today);
        }

        return (SearchQuery.PublishedBetween(source.From!.Value, source.To!.Value), source.To);
    }

    /// <summary>A discovered question as a fetch target: its first document's URL, else its open-data id.</summary>
    public static PlannedDocument? Planned(DiscoveredQuestion question)
    {
        if (question.Documents.FirstOrDefault() is { } url)
        {
            return PlannedDocument.Remote(FetchTarget.Document(url));
        }

        return question.Id is { } id ? PlannedDocument.Remote(FetchTarget.OpenData(id)) : null;
    }
}
