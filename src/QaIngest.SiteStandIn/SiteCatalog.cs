using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QaIngest.SiteStandIn;

/// <summary>
/// What the stand-in serves: the corpus documents listed in <c>corpus/standin.json</c>, their
/// annexes, N synthetic questions with theirs, and a small document behind every fault id.
/// Built once at start; immutable and thread-safe.
/// </summary>
public sealed class SiteCatalog
{
    private SiteCatalog(ImmutableArray<SiteDocument> documents, ImmutableDictionary<int, PermanentFault> faults)
    {
        Documents = documents;
        ByLinkId = documents.ToFrozenDictionary(d => d.LinkId);
        ByQuestionId = documents.Where(d => d.QuestionId is not null).ToFrozenDictionary(d => d.QuestionId!.Value);
        Faults = faults;
    }

    public ImmutableArray<SiteDocument> Documents { get; }

    public FrozenDictionary<int, SiteDocument> ByLinkId { get; }

    public FrozenDictionary<int, SiteDocument> ByQuestionId { get; }

    public ImmutableDictionary<int, PermanentFault> Faults { get; }

    /// <summary>The written questions (documents with an open-data id), by date then id.</summary>
    public IEnumerable<SiteDocument> Questions => Documents.Where(d => d.QuestionId is not null).OrderBy(d => d.Date).ThenBy(d => d.LinkId);

    public static SiteCatalog Build(StandInOptions options)
    {
        var documents = new List<SiteDocument>();
        if (options.CorpusDirectory is { } corpus)
        {
            documents.AddRange(LoadCorpus(corpus));
        }

        if (options.TimelineDirectory is { } timeline)
        {
            documents.AddRange(LoadTimeline(timeline));
        }

        if (options.Synthetic > 0)
        {
            var paragraphs = SyntheticQuestions.Paragraphs(options.SeedsDirectory!);
            for (var k = 1; k <= options.Synthetic; k++)
            {
                var question = SyntheticQuestions.Question(k, paragraphs);
                documents.Add(question);
                documents.AddRange(question.Annexes.Select(a => SyntheticQuestions.Annex(a, $"Bijlage bij vraag {question.LinkId}")));
            }
        }

        var faults = StandInOptions.BuiltInFaults.SetItems(options.PermanentFaults);
        foreach (var id in faults.Keys.Where(id => !documents.Any(d => d.LinkId == id)))
        {
            var bytes = Encoding.UTF8.GetBytes($"SCHRIFTELIJKE VRAAG\n\nnr. {id}\n\nDocument {id} van de stand-in, met een fout: {faults[id]}.\n");
            documents.Add(new SiteDocument
            {
                LinkId = id,
                Bytes = bytes,
                ContentType = "text/plain; charset=utf-8",
                Title = $"Foutgeval {faults[id]}",
                Date = new DateOnly(2020, 1, 1),
                ETag = ETagOf(bytes),
                LastModified = Published(new DateOnly(2020, 1, 1)),
            });
        }

        var duplicate = documents.GroupBy(d => d.LinkId).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new SiteCatalog([.. documents], faults)
            : throw new InvalidOperationException($"link id {duplicate.Key} is used twice");
    }

    internal static string ETagOf(byte[] bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..20]}\"";

    internal static DateTimeOffset Published(DateOnly date) => new(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    private static IEnumerable<SiteDocument> LoadTimeline(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "timeline.json")));
        foreach (var item in json.RootElement.GetProperty("documents").EnumerateArray())
        {
            var versions = item.GetProperty("versions").EnumerateArray().Select(v =>
            {
                var from = DateOnly.Parse(v.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                var bytes = File.ReadAllBytes(Path.Combine(folder, v.GetProperty("file").GetString()!));
                return new SiteVersion(from, bytes, ETagOf(bytes), new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), v.GetProperty("status").GetString()!);
            }).OrderBy(v => v.From).ToImmutableArray();
            var first = versions[0];
            yield return new SiteDocument
            {
                LinkId = item.GetProperty("linkId").GetInt32(),
                QuestionId = item.GetProperty("questionId").GetInt32(),
                Bytes = first.Bytes,
                ContentType = item.GetProperty("contentType").GetString()!,
                Number = item.TryGetProperty("number", out var number) ? number.GetInt32() : null,
                Date = first.From,
                Asker = item.TryGetProperty("asker", out var asker) ? asker.GetString() : null,
                Minister = item.TryGetProperty("minister", out var minister) ? minister.GetString() : null,
                Title = item.TryGetProperty("title", out var title) ? title.GetString() : null,
                Themes = item.TryGetProperty("themes", out var themes) ? [.. themes.EnumerateArray().Select(t => t.GetString()!)] : [],
                ETag = first.ETag,
                LastModified = first.LastModified,
                Versions = versions,
            };
        }
    }

    private static IEnumerable<SiteDocument> LoadCorpus(string corpus)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(corpus, "standin.json")));
        var annexTitles = new Dictionary<int, string>();
        if (json.RootElement.TryGetProperty("annexes", out var annexes))
        {
            foreach (var annex in annexes.EnumerateArray())
            {
                annexTitles[annex.GetProperty("linkId").GetInt32()] = annex.GetProperty("title").GetString()!;
            }
        }

        foreach (var item in json.RootElement.GetProperty("documents").EnumerateArray())
        {
            var bytes = File.ReadAllBytes(Path.Combine(corpus, item.GetProperty("file").GetString()!));
            var date = DateOnly.Parse(item.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            yield return new SiteDocument
            {
                LinkId = item.GetProperty("linkId").GetInt32(),
                QuestionId = item.GetProperty("questionId").GetInt32(),
                Bytes = bytes,
                ContentType = item.GetProperty("contentType").GetString()!,
                Number = item.TryGetProperty("number", out var number) ? number.GetInt32() : null,
                Date = date,
                Asker = item.TryGetProperty("asker", out var asker) ? asker.GetString() : null,
                Minister = item.TryGetProperty("minister", out var minister) ? minister.GetString() : null,
                Title = item.TryGetProperty("title", out var title) ? title.GetString() : null,
                Themes = item.TryGetProperty("themes", out var themes) ? [.. themes.EnumerateArray().Select(t => t.GetString()!)] : [],
                Annexes = item.TryGetProperty("annexes", out var ids) ? [.. ids.EnumerateArray().Select(a => a.GetInt32())] : [],
                LandingPage = item.TryGetProperty("landingPage", out var landing) && landing.GetBoolean(),
                ETag = ETagOf(bytes),
                LastModified = Published(date),
            };
        }

        foreach (var (id, title) in annexTitles)
        {
            yield return SyntheticQuestions.Annex(id, title);
        }
    }
}
