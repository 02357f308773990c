using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using QaIngest.Fetch;
using QaIngest.Search;

namespace QaIngest.Pipeline;

/// <summary>
/// Reads and validates a pipeline file. Every problem is reported with its JSON path, all at once,
/// before anything runs; a definition that comes back is complete and consistent.
/// </summary>
public static partial class PipelineDefinitionReader
{
    /// <summary>The definition, or the problems found (one line each, prefixed with the file name).</summary>
    public static (PipelineDefinition? Definition, ImmutableArray<string> Errors) ReadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [$"{path}: cannot read the pipeline file: {e.Message}"]);
        }

        var (definition, errors) = Read(json);
        return (definition, [.. errors.Select(e => $"{path}: {e}")]);
    }

    /// <summary>The definition, or the problems found in <paramref name="json"/>.</summary>
    public static (PipelineDefinition? Definition, ImmutableArray<string> Errors) Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return (null, [$"not valid JSON: {e.Message.Split(" Path:", 2)[0]}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            var definition = ReadRoot(document.RootElement, errors);
            return errors.Count == 0 ? (definition, []) : (null, [.. errors]);
        }
    }

    private static PipelineDefinition? ReadRoot(JsonElement root, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("the pipeline must be a JSON object");
            return null;
        }

        Known(root, "", errors, "name", "description", "source", "stages", "data", "politeness", "resilience", "savedSearches", "parallelism", "recheck", "quarantineAfterDeaths", "quarantineAfterTimeouts");
        var name = String(root, "name", "", errors, required: true);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            errors.Add("name: use letters, digits, '-' and '_' (it names the run reports)");
        }

        var source = root.TryGetProperty("source", out var sourceElement) ? ReadSource(sourceElement, errors) : null;
        if (sourceElement.ValueKind == JsonValueKind.Undefined)
        {
            errors.Add("source: required (files, linkIds or discover)");
        }

        var stages = ReadStages(root, errors);
        if (source is not null && !stages.IsDefaultOrEmpty)
        {
            if (!source.IsRemote && stages.Contains(PipelineStage.Fetch))
            {
                errors.Add("stages: fetch needs a linkIds or discover source (files are read where they are)");
            }

            if (source is DiscoverSource && !stages.Contains(PipelineStage.Fetch))
            {
                errors.Add("stages: a discover source needs the fetch stage");
            }
        }

        var data = String(root, "data", "", errors, required: false) ?? "./data";
        var parallelism = Int(root, "parallelism", "", errors, 1, 64) ?? Math.Max(1, Environment.ProcessorCount);
        var deaths = Int(root, "quarantineAfterDeaths", "", errors, 1, 1000) ?? PipelineDefinition.DefaultQuarantineAfterDeaths;
        var timeouts = Int(root, "quarantineAfterTimeouts", "", errors, 1, 1000) ?? PipelineDefinition.DefaultQuarantineAfterTimeouts;
        var politeness = root.TryGetProperty("politeness", out var p) ? ReadPoliteness(p, errors) : new PolitenessSettings();
        var resilience = root.TryGetProperty("resilience", out var r) ? ReadResilience(r, errors) : new ResilienceSettings();
        var searches = root.TryGetProperty("savedSearches", out var s) ? ReadSavedSearches(s, errors) : [];
        var recheck = root.TryGetProperty("recheck", out var c) ? ReadRecheck(c, errors) : RecheckPolicy.Default;
        if (errors.Count > 0 || name is null || source is null)
        {
            return null;
        }

        var definition = new PipelineDefinition
        {
            Name = name,
            Source = source,
            Stages = stages,
            Data = data,
            Parallelism = parallelism,
            QuarantineAfterDeaths = deaths,
            QuarantineAfterTimeouts = timeouts,
            Politeness = politeness,
            Resilience = resilience,
            SavedSearches = searches,
            Recheck = recheck,
        };

        if (source.IsRemote)
        {
            try
            {
                var options = definition.FetchOptions();
                if (!options.PolitenessEnabled && !options.SiteBaseUrl.IsLoopback)
                {
                    errors.Add("politeness.enabled: false is only for a loopback baseUrl (the stand-in), never the real site");
                }
            }
            catch (ArgumentException e)
            {
                errors.Add($"politeness/resilience: {e.Message}");
            }
        }

        return definition;
    }

    private static PipelineSource? ReadSource(JsonElement element, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("source: must be an object with files, linkIds or discover");
            return null;
        }

        Known(element, "source.", errors, "files", "linkIds", "discover", "baseUrl");
        var kinds = new[] { "files", "linkIds", "discover" }.Where(k => element.TryGetProperty(k, out _)).ToList();
        if (kinds.Count != 1)
        {
            errors.Add(kinds.Count == 0 ? "source: give one of files, linkIds or discover" : $"source: give one of files, linkIds or discover, not {string.Join(" and ", kinds)}");
            return null;
        }

        Uri? baseUrl = null;
        if (String(element, "baseUrl", "source.", errors, required: false) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                errors.Add($"source.baseUrl: not an http(s) URL: {text}");
                baseUrl = null;
            }
        }

        PipelineSource? source = kinds[0] switch
        {
            "files" => ReadFiles(element.GetProperty("files"), errors),
            "linkIds" => ReadLinkIds(element.GetProperty("linkIds"), errors),
            _ => ReadDiscover(element.GetProperty("discover"), errors),
        };

        if (source is FilesSource && baseUrl is not null)
        {
            errors.Add("source.baseUrl: files are not fetched; remove baseUrl");
        }

        return source is null ? null : source with { BaseUrl = baseUrl };
    }

    private static FilesSource? ReadFiles(JsonElement element, List<string> errors)
    {
        var globs = element.ValueKind == JsonValueKind.String ? [element.GetString()!]
            : element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) ? element.EnumerateArray().Select(e => e.GetString()!).ToList()
            : null;
        if (globs is null || globs.Count == 0 || globs.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("source.files: a glob pattern or a list of them (\"seeds/*.txt\")");
            return null;
        }

        if (globs.FirstOrDefault(g => Path.IsPathRooted(g) || g.Split('/', '\\').Contains("..")) is { } outside)
        {
            errors.Add($"source.files: {outside}: patterns are relative to the working directory and stay inside it");
            return null;
        }

        return new FilesSource([.. globs]);
    }

    private static LinkIdsSource? ReadLinkIds(JsonElement element, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return string.IsNullOrWhiteSpace(element.GetString()) ? Error<LinkIdsSource>(errors, "source.linkIds: a file name must not be empty") : new LinkIdsSource([], element.GetString());
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return Error<LinkIdsSource>(errors, "source.linkIds: a list of link ids or the name of a file with one a line");
        }

        var ids = new List<int>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var id) || !LinkId.TryCreate(id, out _))
            {
                errors.Add($"source.linkIds[{index}]: a link id is a positive whole number");
            }
            else
            {
                ids.Add(id);
            }

            index++;
        }

        return ids.Count == 0 && index == 0 ? Error<LinkIdsSource>(errors, "source.linkIds: the list is empty") : new LinkIdsSource([.. ids.Distinct()], null);
    }

    private static DiscoverSource? ReadDiscover(JsonElement element, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Error<DiscoverSource>(errors, "source.discover: an object with from/to, sessionYear or sinceLastRun");
        }

        Known(element, "source.discover.", errors, "from", "to", "sessionYear", "sinceLastRun", "firstRunDays");
        var from = Date(element, "from", errors);
        var to = Date(element, "to", errors);
        var sessionYear = String(element, "sessionYear", "source.discover.", errors, required: false);
        var since = element.TryGetProperty("sinceLastRun", out var s) && s.ValueKind == JsonValueKind.True;
        if (s.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add("source.discover.sinceLastRun: true or false");
        }

        var firstRunDays = Int(element, "firstRunDays", "source.discover.", errors, 1, 3660) ?? 7;
        var ways = (from is not null || to is not null ? 1 : 0) + (sessionYear is not null ? 1 : 0) + (since ? 1 : 0);
        if (ways != 1)
        {
            return Error<DiscoverSource>(errors, "source.discover: give one of from and to, sessionYear, or sinceLastRun: true");
        }

        if ((from is null) != (to is null) && !since)
        {
            return Error<DiscoverSource>(errors, "source.discover: give both from and to");
        }

        if (from > to)
        {
            return Error<DiscoverSource>(errors, "source.discover: from is after to");
        }

        if (sessionYear is not null)
        {
            try
            {
                SearchQuery.SessionYear(sessionYear);
            }
            catch (ArgumentException e)
            {
                return Error<DiscoverSource>(errors, $"source.discover.sessionYear: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        return new DiscoverSource { From = from, To = to, SessionYear = sessionYear, SinceLastRun = since, FirstRunDays = firstRunDays };
    }

    private static ImmutableArray<PipelineStage> ReadStages(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("stages", out var element))
        {
            errors.Add("stages: required, an ordered subset of fetch, extract, parse, figures, index");
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            errors.Add("stages: a non-empty list, an ordered subset of fetch, extract, parse, figures, index");
            return [];
        }

        var stages = new List<PipelineStage>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (!StageNames.TryParse(item.ValueKind == JsonValueKind.String ? item.GetString() : null, out var stage))
            {
                errors.Add($"stages[{index}]: unknown stage {item} (expected fetch, extract, parse, figures or index)");
            }
            else if (stages.Contains(stage))
            {
                errors.Add($"stages[{index}]: {stage.Name()} is listed twice");
            }
            else if (stages.Count > 0 && stages[^1] > stage)
            {
                errors.Add($"stages[{index}]: {stage.Name()} must come before {stages[^1].Name()} (order: fetch, extract, parse, figures, index)");
            }
            else
            {
                stages.Add(stage);
            }

            index++;
        }

        // A stage needs what the one before it makes: no gaps after the first stage listed.
        for (var i = 1; i < stages.Count; i++)
        {
            if (stages[i] != stages[i - 1] + 1)
            {
                errors.Add($"stages: {stages[i].Name()} needs {(stages[i] - 1).Name()} before it");
            }
        }

        if (stages.Count > 0 && stages[0] > PipelineStage.Extract)
        {
            errors.Add($"stages: {stages[0].Name()} needs extract before it (raw files are stored, extracted text is not)");
        }

        return [.. stages];
    }

    private static PolitenessSettings ReadPoliteness(JsonElement element, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("politeness: an object");
            return new PolitenessSettings();
        }

        Known(element, "politeness.", errors, "enabled", "requestsPerSecond", "maxInFlightPerHost", "documentsInFlight");
        bool? enabled = element.TryGetProperty("enabled", out var e) ? e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Error<bool?>(errors, "politeness.enabled: true or false"),
        } : null;
        return new PolitenessSettings
        {
            Enabled = enabled,
            RequestsPerSecond = Double(element, "requestsPerSecond", "politeness.", errors, 0.001, 1000),
            MaxInFlightPerHost = Int(element, "maxInFlightPerHost", "politeness.", errors, 1, 256),
            DocumentsInFlight = Int(element, "documentsInFlight", "politeness.", errors, 1, 256),
        };
    }

    private static ResilienceSettings ReadResilience(JsonElement element, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("resilience: an object");
            return new ResilienceSettings();
        }

        Known(element, "resilience.", errors, "attemptTimeoutSeconds", "totalTimeoutSeconds", "maxRetryAttempts", "retryBaseDelaySeconds", "maxRetryAfterSeconds");
        TimeSpan? Seconds(string name, double min, double max) => Double(element, name, "resilience.", errors, min, max) is { } value ? TimeSpan.FromSeconds(value) : null;
        return new ResilienceSettings
        {
            AttemptTimeout = Seconds("attemptTimeoutSeconds", 0.01, 86_400),
            TotalTimeout = Seconds("totalTimeoutSeconds", 0.01, 86_400),
            MaxRetryAttempts = Int(element, "maxRetryAttempts", "resilience.", errors, 0, 100),
            RetryBaseDelay = Seconds("retryBaseDelaySeconds", 0.001, 3_600),
            MaxRetryAfter = Seconds("maxRetryAfterSeconds", 0, 86_400),
        };
    }

    private static RecheckPolicy ReadRecheck(JsonElement element, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("recheck: an object (enabled, unansweredForDays, afterChangeDays, maxPerRun)");
            return RecheckPolicy.Default;
        }

        Known(element, "recheck.", errors, "enabled", "unansweredForDays", "afterChangeDays", "maxPerRun");
        var policy = RecheckPolicy.Default;
        if (element.TryGetProperty("enabled", out var enabled))
        {
            policy = enabled.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? policy with { Enabled = enabled.GetBoolean() }
                : Error<RecheckPolicy>(errors, "recheck.enabled: true or false") ?? policy;
        }

        policy = policy with
        {
            UnansweredForDays = Int(element, "unansweredForDays", "recheck.", errors, 0, 3650) ?? policy.UnansweredForDays,
            MaxPerRun = Int(element, "maxPerRun", "recheck.", errors, 0, 1_000_000) ?? policy.MaxPerRun,
        };
        if (element.TryGetProperty("afterChangeDays", out var days))
        {
            var list = days.ValueKind == JsonValueKind.Array
                && days.EnumerateArray().All(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out _))
                ? days.EnumerateArray().Select(d => d.GetInt32()).ToImmutableArray()
                : default;
            if (list.IsDefault)
            {
                errors.Add("recheck.afterChangeDays: a list of whole numbers of days, e.g. [1, 7, 30]");
            }
            else
            {
                policy = policy with { AfterChangeDays = list };
            }
        }

        errors.AddRange(policy.Problems().Select(p => $"recheck.{p}"));
        return policy;
    }

    private static ImmutableArray<SavedSearch> ReadSavedSearches(JsonElement element, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add("savedSearches: a list of {\"name\": ..., \"query\": ...}");
            return [];
        }

        var searches = new List<SavedSearch>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var path = $"savedSearches[{index++}].";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path[..^1]}: an object with name and query");
                continue;
            }

            Known(item, path, errors, "name", "query");
            var name = String(item, "name", path, errors, required: true);
            var query = String(item, "query", path, errors, required: true);
            if (name is null || query is null)
            {
                continue;
            }

            if (!NamePattern().IsMatch(name))
            {
                errors.Add($"{path}name: use letters, digits, '-' and '_' (it names the alert files)");
            }
            else if (searches.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{path}name: {name} is used twice");
            }

            if (SavedSearchAlerts.Compile(query).Error is { } error)
            {
                errors.Add($"{path}query: saved search {name}: {error}");
            }

            searches.Add(new SavedSearch(name, query));
        }

        return [.. searches];
    }

    private static void Known(JsonElement element, string path, List<string> errors, params string[] names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add($"{path}{property.Name}: unknown setting (known: {string.Join(", ", names)})");
            }
        }
    }

    private static string? String(JsonElement element, string name, string path, List<string> errors, bool required)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return required ? Error<string>(errors, $"{path}{name}: required") : null;
        }

        return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : Error<string>(errors, $"{path}{name}: a non-empty string");
    }

    private static int? Int(JsonElement element, string name, string path, List<string> errors, int min, int max)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : Error<int?>(errors, $"{path}{name}: a whole number from {min} to {max}");
    }

    private static double? Double(JsonElement element, string name, string path, List<string> errors, double min, double max)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= min && number <= max
            ? number
            : Error<double?>(errors, string.Create(CultureInfo.InvariantCulture, $"{path}{name}: a number from {min} to {max}"));
    }

    private static DateOnly? Date(JsonElement element, string name, List<string> errors)
    {
        if (String(element, name, "source.discover.", errors, required: false) is not { } text)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : Error<DateOnly?>(errors, $"source.discover.{name}: a date as yyyy-MM-dd, not {text}");
    }

    private static T? Error<T>(List<string> errors, string message)
    {
        errors.Add(message);
        return default;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
