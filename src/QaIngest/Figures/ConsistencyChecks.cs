using System.Collections.Immutable;

namespace QaIngest.Figures;

/// <summary>
/// Finds the arithmetic a text states between its figures. A sum: a money total whose parts are
/// announced by a colon ("dit bedrag omvat:") and listed after it, one amount per bullet or inline
/// before the paragraph ends, or announced in the same sentence by a breakdown word ("omvat",
/// "opgesplitst"). A product: a count and a rate in one sentence with a money amount in it. The
/// rules only fire on these shapes so that a check that fails is worth showing. Pure.
/// </summary>
internal static class ConsistencyChecks
{
    public static ImmutableArray<Check> Find(string text, ImmutableArray<Figure> figures, TextSentences sentences)
    {
        if (figures.Length < 3)
        {
            return [];
        }

        var checks = ImmutableArray.CreateBuilder<Check>();
        FindSums(text, figures, sentences, checks);
        FindProducts(figures, sentences, checks);
        return checks.ToImmutable();
    }

    private static bool IsPlainMoney(Figure f) => f.Kind == FigureKind.Money && !f.IsRange;

    private static void FindSums(string text, ImmutableArray<Figure> figures, TextSentences sentences, ImmutableArray<Check>.Builder checks)
    {
        var paragraphs = Paragraphs(text);
        var totalsUsed = new HashSet<Figure>(ReferenceEqualityComparer.Instance);
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var (pStart, pEnd) = paragraphs[p];
            for (var c = text.IndexOf(':', pStart, pEnd - pStart); c >= 0; c = NextColon(text, c + 1, pEnd))
            {
                if (c + 1 < text.Length && !char.IsWhiteSpace(text[c + 1]))
                {
                    // "14:30", "https://": not a colon that opens a list.
                    continue;
                }

                var total = LastMoneyBefore(figures, pStart, c);
                if (total is null || totalsUsed.Contains(total) || sentences.IndexAt(total.Start) < sentences.IndexAt(c) - 1)
                {
                    continue;
                }

                var parts = text.AsSpan(c + 1, pEnd - c - 1).IsWhiteSpace()
                    ? BulletParts(text, figures, paragraphs, p + 1, total.Currency)
                    : InlineParts(figures, c, Math.Min(pEnd, sentences.EndOf(sentences.IndexAt(c))), total.Currency);
                if (parts is { Count: >= 2 })
                {
                    checks.Add(Check.Sum(total, parts));
                    totalsUsed.Add(total);
                }
            }
        }

        // "Het budget van € 10 miljoen omvat € 6 miljoen voor … en € 4 miljoen voor …"
        foreach (var total in figures)
        {
            if (!IsPlainMoney(total) || totalsUsed.Contains(total))
            {
                continue;
            }

            var sentence = sentences.IndexAt(total.Start);
            var end = sentences.EndOf(sentence);
            var breakdown = FindBreakdownWord(text, total.Start + total.Length, end);
            if (breakdown < 0)
            {
                continue;
            }

            var parts = figures.Where(f => f.Start > breakdown && f.Start < end && IsPlainMoney(f) && f.Currency == total.Currency).ToList();
            if (parts.Count >= 2)
            {
                checks.Add(Check.Sum(total, parts));
                totalsUsed.Add(total);
            }
        }
    }

    private static int NextColon(string text, int from, int end) => from < end ? text.IndexOf(':', from, end - from) : -1;

    private static Figure? LastMoneyBefore(ImmutableArray<Figure> figures, int start, int colon)
    {
        Figure? last = null;
        foreach (var f in figures)
        {
            if (f.Start >= start && f.Start + f.Length <= colon && IsPlainMoney(f))
            {
                last = f;
            }
        }

        return last;
    }

    // The paragraphs after the colon that start with a bullet ("- ", "• ", "a) "), each with exactly
    // one amount. A paragraph without a bullet continues the previous bullet while that one has no
    // amount yet: a page break can cut a bullet in two.
    private static List<Figure>? BulletParts(string text, ImmutableArray<Figure> figures, List<(int Start, int End)> paragraphs, int from, string? currency)
    {
        var items = new List<List<Figure>>();
        for (var q = from; q < paragraphs.Count; q++)
        {
            var (start, end) = paragraphs[q];
            var inParagraph = figures.Where(f => f.Start >= start && f.Start < end).ToList();
            if (StartsWithBullet(text.AsSpan(start, end - start)))
            {
                items.Add(inParagraph);
            }
            else if (items.Count > 0 && !items[^1].Any(IsPlainMoney))
            {
                items[^1].AddRange(inParagraph);
            }
            else
            {
                break;
            }
        }

        if (items.Count < 2)
        {
            return null;
        }

        var parts = new List<Figure>(items.Count);
        foreach (var item in items)
        {
            var money = item.Where(f => f.IsMoney).ToList();
            if (money.Count != 1 || !IsPlainMoney(money[0]) || money[0].Currency != currency)
            {
                // A bullet without one clear amount: the list is not a breakdown we can add up.
                return null;
            }

            parts.Add(money[0]);
        }

        return parts;
    }

    private static List<Figure>? InlineParts(ImmutableArray<Figure> figures, int colon, int end, string? currency)
    {
        var after = figures.Where(f => f.Start > colon && f.Start < end && f.IsMoney).ToList();
        return after.All(f => IsPlainMoney(f) && f.Currency == currency) ? after : null;
    }

    private static bool StartsWithBullet(ReadOnlySpan<char> paragraph)
    {
        paragraph = paragraph.TrimStart();
        if (paragraph.Length < 2)
        {
            return false;
        }

        if (paragraph[0] is '-' or '–' or '—' or '•' or '·' or '*' or '\uF0B7' or '▪' or '◦' && char.IsWhiteSpace(paragraph[1]))
        {
            return true;
        }

        // "a) ", "1) ", "iv) "
        var close = paragraph.IndexOf(')');
        return close is > 0 and <= 3 && close + 1 < paragraph.Length && char.IsWhiteSpace(paragraph[close + 1])
            && !paragraph[..close].ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789");
    }

    private static int FindBreakdownWord(string text, int from, int end)
    {
        var i = from;
        while (i < end)
        {
            while (i < end && !char.IsLetter(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < end && char.IsLetter(text[i]))
            {
                i++;
            }

            if (i > start && FigureLexicon.BreakdownWords.Contains(text.AsSpan(start, i - start)))
            {
                return i;
            }
        }

        return -1;
    }

    private static void FindProducts(ImmutableArray<Figure> figures, TextSentences sentences, ImmutableArray<Check>.Builder checks)
    {
        foreach (var group in figures.GroupBy(f => sentences.IndexAt(f.Start)))
        {
            var inSentence = group.ToList();
            var counts = inSentence.Where(f => f.Kind == FigureKind.Count && !f.IsRange).ToList();
            foreach (var rate in inSentence.Where(f => f.Kind == FigureKind.Rate && !f.IsRange))
            {
                var matching = counts.Where(c => SameNoun(c.Unit, rate.Per)).ToList();
                var count = matching.Count > 0 ? Nearest(matching, rate) : counts.Count == 1 ? counts[0] : null;
                if (count is null)
                {
                    continue;
                }

                if (rate.Value != 0 && Math.Abs(count.Value) > decimal.MaxValue / Math.Abs(rate.Value))
                {
                    continue;
                }

                var product = count.Value * rate.Value;
                var totals = inSentence.Where(f => IsPlainMoney(f) && f.Currency == rate.Currency).ToList();
                var total = totals.FirstOrDefault(t => Math.Abs(t.Value - product) <= t.Tolerance)
                    ?? (totals.Count == 1 ? totals[0] : null);
                if (total is not null)
                {
                    checks.Add(Check.Product(total, count, rate));
                }
            }
        }
    }

    private static Figure Nearest(List<Figure> candidates, Figure to) =>
        candidates.MinBy(c => Math.Abs(c.Start - to.Start))!;

    // "trajecten" counts what is priced "per traject"; Dutch plurals change the stem ("personen",
    // "persoon"), so a shared start of four letters is enough.
    private static bool SameNoun(string? counted, string? per)
    {
        if (counted is null || per is null)
        {
            return false;
        }

        var shared = 0;
        while (shared < counted.Length && shared < per.Length && char.ToLowerInvariant(counted[shared]) == char.ToLowerInvariant(per[shared]))
        {
            shared++;
        }

        return shared >= Math.Min(4, Math.Min(counted.Length, per.Length));
    }

    private static List<(int Start, int End)> Paragraphs(string text)
    {
        var list = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                if (i > start && !text.AsSpan(start, i - start).IsWhiteSpace())
                {
                    list.Add((start, i));
                }

                start = i + 1;
            }
        }

        return list;
    }
}
