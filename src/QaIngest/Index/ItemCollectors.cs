using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QaIngest.Parse;
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

/// <summary>
/// Counts matches per minister, asker, year, theme, answer kind and section, without scoring, and counts them
/// all: per segment by ordinal in plain arrays (<see cref="SegmentFacts"/>), names looked up once a
/// segment is done.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private const int FirstYear = 1800;
    private const int LastYear = 2200;

    private readonly Dictionary<string, long> ministers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> askers = new(StringComparer.Ordinal);
    private readonly long[] years = new long[LastYear - FirstYear + 1];
    private readonly Dictionary<string, long> themes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> answerKinds = new(StringComparer.Ordinal);
    private readonly long[] sections = new long[Enum.GetValues<Section>().Length];
    private AtomicReader? reader;
    private FacetOrdinals? ords;
    private short[] docYears = [];
    private int[] ministerCounts = [];
    private int[] askerCounts = [];
    private int[] themeCounts = [];
    private int[] answerKindCounts = [];
    private long total;

    public long Total => total;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        reader = context.AtomicReader;
        ords = SegmentFacts.Ordinals(reader);
        docYears = SegmentFacts.Years(reader);
        ministerCounts = new int[reader.GetSortedDocValues(IndexFields.MinisterName)?.ValueCount ?? 0];
        askerCounts = new int[reader.GetSortedDocValues(IndexFields.AskerName)?.ValueCount ?? 0];
        answerKindCounts = new int[reader.GetSortedDocValues(IndexFields.AnswerKindName)?.ValueCount ?? 0];
        themeCounts = new int[reader.GetSortedSetDocValues(IndexFields.ThemeName)?.ValueCount ?? 0];
    }

    public void Collect(int doc) => Count(doc, ords!, docYears);

    /// <summary>Counts every document of the set (and not deleted) in the segment last given to <see cref="SetNextReader"/>, in one loop.</summary>
    public void CollectAll(FixedBitSet bits, IBits? live)
    {
        var o = ords!;
        var y = docYears;

        // Word by word: a set bit costs a trailing-zero count instead of a call to NextSetBit.
        var words = bits.GetBits();
        var used = (bits.Length + 63) >> 6;
        for (var w = 0; w < used; w++)
        {
            for (var word = words[w]; word != 0; word &= word - 1)
            {
                var doc = (w << 6) + BitOperations.TrailingZeroCount(word);
                if (live is null || live.Get(doc))
                {
                    Count(doc, o, y);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(int doc, FacetOrdinals o, short[] y)
    {
        total++;
        if (o.Ministers[doc] is var m and >= 0)
        {
            ministerCounts[m]++;
        }

        if (o.Askers[doc] is var a and >= 0)
        {
            askerCounts[a]++;
        }

        if (o.AnswerKinds[doc] is var k and >= 0)
        {
            answerKindCounts[k]++;
        }

        if (o.Sections[doc] is var s && s < sections.Length)
        {
            sections[s]++;
        }

        for (int i = o.ThemeStarts[doc], end = o.ThemeStarts[doc + 1]; i < end; i++)
        {
            themeCounts[o.ThemeOrds[i]]++;
        }

        // 0 is an item without a date.
        if (y[doc] is var year and >= FirstYear and <= LastYear)
        {
            years[year - FirstYear]++;
        }
    }

    /// <summary>The counts, largest first (20 a facet); names that are empty (unknown) are left out.</summary>
    public Dictionary<string, List<(string Value, long Count)>> Counts()
    {
        Flush();
        static List<(string, long)> Top(Dictionary<string, long> counts) =>
            [.. counts.Where(c => c.Key.Length > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(20).Select(c => (c.Key, c.Value))];
        var byYear = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < years.Length; i++)
        {
            if (years[i] > 0)
            {
                byYear[(i + FirstYear).ToString(System.Globalization.CultureInfo.InvariantCulture)] = years[i];
            }
        }

        var bySection = Enum.GetValues<Section>().Where(s => sections[(int)s] > 0)
            .ToDictionary(s => SearchIndex.SectionName(s), s => sections[(int)s], StringComparer.Ordinal);
        return new()
        {
            ["minister"] = Top(ministers), ["asker"] = Top(askers), ["year"] = Top(byYear), ["theme"] = Top(themes),
            ["answerKind"] = Top(answerKinds), ["section"] = Top(bySection),
        };
    }

    // Per segment the counts are by ordinal; names are looked up once a segment is done, in this thread's doc values.
    private void Flush()
    {
        if (reader is null)
        {
            return;
        }

        Add(reader.GetSortedDocValues(IndexFields.MinisterName), ministerCounts, ministers);
        Add(reader.GetSortedDocValues(IndexFields.AskerName), askerCounts, askers);
        Add(reader.GetSortedDocValues(IndexFields.AnswerKindName), answerKindCounts, answerKinds);
        if (reader.GetSortedSetDocValues(IndexFields.ThemeName) is { } theme)
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

        reader = null;
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
