using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>Collects the SQLite item ids of every match, without scoring.</summary>
internal sealed class ItemIdCollector : ICollector
{
    private NumericDocValues? ids;

    public HashSet<long> Ids { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => ids = context.AtomicReader.GetNumericDocValues(IndexFields.Item);

    public void Collect(int doc)
    {
        if (ids is not null)
        {
            Ids.Add(ids.Get(doc));
        }
    }
}

/// <summary>Counts matches per minister, asker, year, theme and answer kind from doc values, without scoring, and counts them all.</summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, long> ministers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> askers = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> years = [];
    private readonly Dictionary<string, long> themes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> answerKinds = new(StringComparer.Ordinal);
    private SortedSetDocValues? theme;
    private SortedDocValues? answerKind;
    private int[] themeCounts = [];
    private int[] answerKindCounts = [];
    private SortedDocValues? minister;
    private SortedDocValues? asker;
    private NumericDocValues? date;
    private int[] ministerCounts = [];
    private int[] askerCounts = [];

    public long Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        minister = reader.GetSortedDocValues(IndexFields.MinisterName);
        asker = reader.GetSortedDocValues(IndexFields.AskerName);
        date = reader.GetNumericDocValues(IndexFields.Date);
        ministerCounts = new int[minister?.ValueCount ?? 0];
        theme = reader.GetSortedSetDocValues(IndexFields.ThemeName);
        answerKind = reader.GetSortedDocValues(IndexFields.AnswerKindName);
        themeCounts = new int[theme?.ValueCount ?? 0];
        answerKindCounts = new int[answerKind?.ValueCount ?? 0];
        askerCounts = new int[asker?.ValueCount ?? 0];
    }

    public void Collect(int doc)
    {
        Total++;
        if (minister is not null && minister.GetOrd(doc) is var m and >= 0)
        {
            ministerCounts[m]++;
        }

        if (asker is not null && asker.GetOrd(doc) is var a and >= 0)
        {
            askerCounts[a]++;
        }

        if (theme is not null)
        {
            theme.SetDocument(doc);
            for (var ord = theme.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = theme.NextOrd())
            {
                themeCounts[ord]++;
            }
        }

        if (answerKind is not null && answerKind.GetOrd(doc) is var k and >= 0)
        {
            answerKindCounts[k]++;
        }

        // The year is the date's (yyyymmdd) first digits; 0 is an item without a date.
        if (date is not null && date.Get(doc) / 10_000 is var year and > 0)
        {
            years[year] = years.GetValueOrDefault(year) + 1;
        }
    }

    /// <summary>The counts, largest first (20 a facet); names that are empty (unknown) are left out.</summary>
    public Dictionary<string, List<(string Value, long Count)>> Counts()
    {
        Flush();
        static List<(string, long)> Top(Dictionary<string, long> counts) =>
            [.. counts.Where(c => c.Key.Length > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(20).Select(c => (c.Key, c.Value))];
        var byYear = years.ToDictionary(y => y.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), y => y.Value, StringComparer.Ordinal);
        return new() { ["minister"] = Top(ministers), ["asker"] = Top(askers), ["year"] = Top(byYear), ["theme"] = Top(themes), ["answerKind"] = Top(answerKinds) };
    }

    // Per segment the counts are by ordinal; names are looked up once a segment is done.
    private void Flush()
    {
        Add(minister, ministerCounts, ministers);
        Add(asker, askerCounts, askers);
        ministerCounts = [];
        askerCounts = [];
        if (theme is not null)
        {
            var bytes = new BytesRef();
            for (var ord = 0; ord < themeCounts.Length; ord++)
            {
                if (themeCounts[ord] > 0)
                {
                    theme.LookupOrd(ord, bytes);
                    var name = bytes.Utf8ToString();
                    themes[name] = themes.GetValueOrDefault(name) + themeCounts[ord];
                }
            }
        }

        Add(answerKind, answerKindCounts, answerKinds);
        themeCounts = [];
        answerKindCounts = [];
    }

    private static void Add(SortedDocValues? values, int[] counts, Dictionary<string, long> into)
    {
        if (values is null)
        {
            return;
        }

        var bytes = new BytesRef();
        for (var ord = 0; ord < counts.Length; ord++)
        {
            if (counts[ord] > 0)
            {
                values.LookupOrd(ord, bytes);
                var name = bytes.Utf8ToString();
                into[name] = into.GetValueOrDefault(name) + counts[ord];
            }
        }
    }
}
