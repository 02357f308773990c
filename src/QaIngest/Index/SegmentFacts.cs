using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using QaIngest.Search;

namespace QaIngest.Index;

/// <summary>
/// A segment's doc values that facets and year filters read for every match, copied once into
/// plain arrays: a match then costs an array read instead of a virtual call into packed doc values
/// (a facet over a million matches went from about 60 ms to a few). Kept with the segment's core,
/// so a reader reopened after a commit builds them only for its new segments, and shared by every
/// reader that has the same segment open (<see cref="SegmentIdentity"/>: a server's pool has a
/// reader per concurrent search), so they are built and held once. Each part is built on first use;
/// a segment of two million items holds about 8 MB of years and ordinals per facet.
/// </summary>
internal sealed class SegmentFacts
{
    private static readonly ConditionalWeakTable<object, SegmentFacts> Cache = new();

    // The facts of each open segment by what it is, for as long as a reader has it open (its core's entry above holds them).
    private static readonly Dictionary<object, WeakReference<SegmentFacts>> Open = [];

    private short[]? years;
    private FacetOrdinals? ordinals;

    /// <summary>Each document's year (the date's yyyymmdd doc values divided by 10,000); 0 for an item without a date.</summary>
    public static short[] Years(AtomicReader reader) => Of(reader).years ?? Of(reader).BuildYears(reader);

    /// <summary>Each document's ordinal of minister, asker and answer kind (-1: none) and its themes' ordinals.</summary>
    public static FacetOrdinals Ordinals(AtomicReader reader) => Of(reader).ordinals ?? Of(reader).BuildOrdinals(reader);

    private static SegmentFacts Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => Shared(reader));

    private static SegmentFacts Shared(AtomicReader reader)
    {
        var identity = SegmentIdentity.Of(reader);
        if (ReferenceEquals(identity, reader.CoreCacheKey))
        {
            // Known by its core only: a strong key here would keep the core's entry alive for ever.
            return new SegmentFacts();
        }

        lock (Open)
        {
            if (Open.TryGetValue(identity, out var known) && known.TryGetTarget(out var facts))
            {
                return facts;
            }

            // Segments no reader has open any more (merged away) are forgotten.
            foreach (var gone in Open.Where(o => !o.Value.TryGetTarget(out _)).Select(o => o.Key).ToList())
            {
                Open.Remove(gone);
            }

            facts = new SegmentFacts();
            Open[identity] = new WeakReference<SegmentFacts>(facts);
            return facts;
        }
    }

    private short[] BuildYears(AtomicReader reader)
    {
        lock (this)
        {
            if (years is not null)
            {
                return years;
            }

            var result = new short[reader.MaxDoc];
            if (reader.GetNumericDocValues(IndexFields.Date) is { } dates)
            {
                for (var doc = 0; doc < result.Length; doc++)
                {
                    result[doc] = (short)(dates.Get(doc) / 10_000);
                }
            }

            return years = result;
        }
    }

    private FacetOrdinals BuildOrdinals(AtomicReader reader)
    {
        lock (this)
        {
            return ordinals ??= FacetOrdinals.Build(reader);
        }
    }
}

/// <summary>
/// A segment's facet ordinals per document. The names behind them are looked up in the doc values of
/// the reader at hand (doc values instances are per thread).
/// </summary>
internal sealed class FacetOrdinals
{
    /// <summary>Ordinal per document, -1 when the document has none.</summary>
    public required int[] Ministers { get; init; }

    public required int[] Askers { get; init; }

    public required int[] AnswerKinds { get; init; }

    /// <summary>The item's section (<c>QaIngest.Parse.Section</c>) per document.</summary>
    public required byte[] Sections { get; init; }

    /// <summary>The themes of document d are <c>ThemeOrds[ThemeStarts[d]..ThemeStarts[d + 1]]</c>.</summary>
    public required int[] ThemeStarts { get; init; }

    public required int[] ThemeOrds { get; init; }

    public static FacetOrdinals Build(AtomicReader reader)
    {
        var maxDoc = reader.MaxDoc;
        var minister = reader.GetSortedDocValues(IndexFields.MinisterName);
        var asker = reader.GetSortedDocValues(IndexFields.AskerName);
        var kind = reader.GetSortedDocValues(IndexFields.AnswerKindName);
        var theme = reader.GetSortedSetDocValues(IndexFields.ThemeName);
        var section = reader.GetNumericDocValues(IndexFields.Section);
        var sections = new byte[maxDoc];
        if (section is not null)
        {
            for (var doc = 0; doc < maxDoc; doc++)
            {
                sections[doc] = (byte)section.Get(doc);
            }
        }

        var starts = new int[maxDoc + 1];
        var ords = new List<int>();
        if (theme is not null)
        {
            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = ords.Count;
                theme.SetDocument(doc);
                for (var ord = theme.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = theme.NextOrd())
                {
                    ords.Add((int)ord);
                }
            }
        }

        starts[maxDoc] = ords.Count;
        return new FacetOrdinals
        {
            Ministers = Ordinals(minister, maxDoc),
            Askers = Ordinals(asker, maxDoc),
            AnswerKinds = Ordinals(kind, maxDoc),
            Sections = sections,
            ThemeStarts = starts,
            ThemeOrds = [.. ords],
        };
    }

    private static int[] Ordinals(SortedDocValues? values, int maxDoc)
    {
        var result = new int[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            result[doc] = values?.GetOrd(doc) ?? -1;
        }

        return result;
    }
}
