using System.Collections.Immutable;
using QaIngest.Parse;

namespace QaIngest.Figures;

/// <summary>
/// The figure grammar for one text: one left-to-right pass over its tokens that reads quantities
/// (digits or written numbers, with a scale word), attaches a unit (currency before or after,
/// percent, a counted noun, "per" for rates), recognises ranges, and drops what only looks like a
/// quantity (years, dates, labels, identifiers, time spans). Single use, not thread-safe; the
/// static <see cref="FigureExtractor"/> creates one per text.
/// </summary>
internal sealed class FigureGrammar
{
    private readonly string _text;
    private readonly TextLocation _location;
    private readonly List<FigureToken> _t;
    private readonly bool[] _used;
    private readonly bool[] _identifier;
    private readonly Dictionary<int, Quantity> _bareByLast = [];
    private readonly List<Figure> _figures = [];
    private readonly TextSentences _sentences;

    private FigureGrammar(string text, TextLocation location)
    {
        _text = text;
        _location = location;
        _t = FigureTokenizer.Tokenize(text);
        _used = new bool[_t.Count];
        _identifier = new bool[_t.Count];
        _sentences = new TextSentences(text, _t);
    }

    public static FigureExtraction Run(string text, TextLocation location)
    {
        var grammar = new FigureGrammar(text, location);
        grammar.Scan();
        var figures = grammar.Finish();
        var checks = ConsistencyChecks.Find(text, figures, grammar._sentences);
        return new FigureExtraction(figures, checks);
    }

    private enum UnitKind
    {
        None,
        Percent,
        PercentPoint,
        Money,
        Noun,
    }

    /// <summary>The largest value read as a quantity (a billion billion): no budget comes near it.</summary>
    private const decimal MaxQuantity = 1_000_000_000_000_000_000m;

    /// <summary>A number as written: tokens <c>First..Last</c> (scale word included), raw value and scale.</summary>
    private readonly record struct Quantity(int First, int Last, decimal Raw, decimal Scale, int Decimals, bool Written, bool Grouped, bool HasScale)
    {
        public decimal Value => Raw * Scale;

        public decimal Tolerance => 0.5m * DutchNumber.Pow10(-Decimals) * Scale;

        public Quantity WithScale(decimal scale) => this with { Scale = scale, HasScale = true };

        /// <summary>Written with a misplaced thousands separator ("1.591.505.98"): money only, with a warning.</summary>
        public bool Misplaced { get; init; }
    }

    /// <summary>A quantity with what is written around it: a currency before, a unit after, a "per" unit.</summary>
    private readonly record struct Core(Quantity Q, int CurrencyBefore, UnitKind Unit, string? Currency, int UnitLast, string? Per, int Last)
    {
        public int First => CurrencyBefore >= 0 ? CurrencyBefore : Q.First;

        public bool IsMoney => Unit == UnitKind.Money;

        public bool HasUnit => Unit is UnitKind.Money or UnitKind.Percent or UnitKind.PercentPoint;
    }

    private void Scan()
    {
        for (var i = 0; i < _t.Count; i++)
        {
            if (_used[i])
            {
                continue;
            }

            var token = _t[i];
            if (token.Kind != FigureTokenKind.Number && !(token.Kind == FigureTokenKind.Word && MightBeWrittenNumber(i)))
            {
                continue;
            }

            if (!TryReadCore(i, out var core))
            {
                continue;
            }

            if (TryRange(core, out var last))
            {
                i = last;
                continue;
            }

            if (IsGlued(core.Q))
            {
                continue;
            }

            if (core.HasUnit)
            {
                AddUnitFigure(core);
                InheritUnitBackwards(core);
                i = core.Last;
                continue;
            }

            i = ClassifyBare(core.Q);
        }
    }

    private int ClassifyBare(Quantity q)
    {
        var i = q.First;
        if (IsListLabel(i) || IsYear(q) || FollowsIdentifier(q) || IsDateOrSpan(q.Last + 1))
        {
            return q.Last;
        }

        if (IsRatio(q.Last + 1, out var ratioEnd))
        {
            return ratioEnd;
        }

        if (TryCountNoun(q, q.Last + 1, out var nounLast, out var noun))
        {
            Add(FigureKind.Count, q.Value, q.First, nounLast, q.Tolerance);
            _figures[^1] = _figures[^1] with { Unit = noun };
            return nounLast;
        }

        if (IsImpliedMoney(q))
        {
            var figure = Add(FigureKind.Money, q.Value, q.First, q.Last, q.Tolerance);
            _figures[^1] = figure with { Currency = "EUR", Implied = true };
            return q.Last;
        }

        if (!q.Written)
        {
            _bareByLast[q.Last] = q;
        }

        return q.Last;
    }

    // ---- reading quantities and units -------------------------------------------------------

    private bool MightBeWrittenNumber(int i)
    {
        if (i + 1 >= _t.Count || _t[i + 1].NewlineBefore)
        {
            return false;
        }

        var next = _t[i + 1];
        if (next.Kind == FigureTokenKind.Symbol)
        {
            return next.IsSymbol(_text, '%') || next.IsSymbol(_text, '€');
        }

        var span = next.Span(_text);
        return next.Kind == FigureTokenKind.Word
            && (FigureLexicon.ScaleLookup.ContainsKey(span) || FigureLexicon.PercentWords.Contains(span)
                || FigureLexicon.EuroWords.Contains(span) || span.Equals("half", StringComparison.OrdinalIgnoreCase)
                || span.Equals("kwart", StringComparison.OrdinalIgnoreCase));
    }

    private bool TryReadQuantity(int i, out Quantity q)
    {
        q = default;
        if (i >= _t.Count)
        {
            return false;
        }

        var token = _t[i];
        decimal raw;
        int decimals;
        var grouped = false;
        var misplaced = false;
        var written = token.Kind == FigureTokenKind.Word;
        var last = i;
        if (token.Kind == FigureTokenKind.Number)
        {
            if (!DutchNumber.TryParseDigits(token.Span(_text), out raw, out decimals, out grouped)
                && !(IsScaleWord(i + 1) && DutchNumber.TryParsePointDecimal(token.Span(_text), out raw, out decimals)))
            {
                if (!DutchNumber.TryParseMisplacedGroups(token.Span(_text), out raw))
                {
                    return false;
                }

                (decimals, grouped, misplaced) = (0, true, true);
            }

            // "€ 24,-": the dash stands for zero cents.
            if (IsGluedSymbol(i + 1, ',') && (IsGluedSymbol(i + 2, '-') || IsGluedSymbol(i + 2, '–')))
            {
                last = i + 2;
                if (IsGluedSymbol(i + 3, '-'))
                {
                    last = i + 3;
                }
            }
        }
        else if (written && MightBeWrittenNumber(i) && DutchNumber.TryParseWord(token.Span(_text), out raw))
        {
            decimals = raw == decimal.Truncate(raw) ? 0 : 2;
            if (raw == 1 && IsWord(i + 1, "half"))
            {
                (raw, decimals, last) = (0.5m, 1, i + 1);
            }
            else if (raw == 1 && IsWord(i + 1, "kwart"))
            {
                (raw, decimals, last) = (0.25m, 2, i + 1);
            }
        }
        else
        {
            return false;
        }

        decimal scale = 1;
        var hasScale = false;
        if (last + 1 < _t.Count && _t[last + 1].Kind == FigureTokenKind.Word && !_t[last + 1].NewlineBefore
            && FigureLexicon.ScaleLookup.TryGetValue(_t[last + 1].Span(_text), out var factor))
        {
            scale = factor;
            hasScale = true;
            last++;
            // "24 mio. euro": the period belongs to the abbreviation only when the amount goes on.
            if (_t[last].Length <= 3 && IsGluedSymbol(last + 1, '.') && last + 2 < _t.Count && IsCurrencyWord(last + 2))
            {
                last++;
            }
        }

        if (written && raw < 1 && !hasScale)
        {
            return false;
        }

        // A run of digits this long is an identifier or a damaged table row, never a quantity; the
        // cap also keeps sums and products of figures inside decimal's range.
        if (raw * scale >= MaxQuantity)
        {
            return false;
        }

        q = new Quantity(i, last, raw, scale, decimals, written, grouped, hasScale) { Misplaced = misplaced };
        return true;
    }

    private bool TryReadCore(int i, out Core core)
    {
        core = default;
        var currencyBefore = -1;
        string? currency = null;
        if (i < _t.Count && CurrencySymbol(i) is { } leading)
        {
            // "tussen € 2 en € 3 miljoen": a range end may start with its currency.
            currencyBefore = i;
            currency = leading;
            i++;
        }
        else if (i > 0 && !_t[i].NewlineBefore && !_used[i - 1] && CurrencySymbol(i - 1) is { } before)
        {
            currencyBefore = i - 1;
            currency = before;
        }

        if (!TryReadQuantity(i, out var q))
        {
            return false;
        }

        var unit = currencyBefore >= 0 ? UnitKind.Money : UnitKind.None;
        var unitLast = q.Last;
        var after = q.Last + 1;
        if (after < _t.Count && !_t[after].NewlineBefore)
        {
            var next = _t[after];
            var span = next.Span(_text);
            if (next.IsSymbol(_text, '%'))
            {
                (unit, unitLast, currency) = (UnitKind.Percent, after, null);
            }
            else if (next.Kind == FigureTokenKind.Word && FigureLexicon.PercentWords.Contains(span))
            {
                (unit, unitLast, currency) = (UnitKind.Percent, after, null);
            }
            else if (next.Kind == FigureTokenKind.Word && FigureLexicon.PercentPointWords.Contains(span))
            {
                (unit, unitLast, currency) = (UnitKind.PercentPoint, after, null);
            }
            else if (currencyBefore < 0 && CurrencyAfter(after) is { } trailing)
            {
                (unit, unitLast, currency) = (UnitKind.Money, after, trailing);
            }
        }

        if (q.Written && !q.HasScale && unit == UnitKind.None)
        {
            return false;
        }

        if (q.Misplaced && (unit != UnitKind.Money || q.HasScale))
        {
            return false;
        }

        if (unit == UnitKind.Money && IsYear(q))
        {
            // A year next to a currency sign is a flattened table's row or column label ("2020 € 3.609.079",
            // "K€ 2014 2015"): the sign belongs to the amount in its own cell, never to the year.
            return false;
        }

        var last = unitLast;
        string? per = null;
        if (unit == UnitKind.Money && TryReadPer(unitLast + 1, out var perLast, out var perWord))
        {
            (per, last) = (perWord, perLast);
        }

        core = new Core(q, currencyBefore, unit, currency, unitLast, per, last);
        return true;
    }

    private bool TryReadPer(int i, out int last, out string? per)
    {
        last = -1;
        per = null;
        // "3.200 euro bruto per maand"
        if (IsWord(i, "bruto") || IsWord(i, "netto"))
        {
            i++;
        }

        if (i + 1 >= _t.Count || _t[i].NewlineBefore || _t[i + 1].NewlineBefore || _t[i + 1].Kind != FigureTokenKind.Word)
        {
            return false;
        }

        var word = _t[i + 1].Span(_text);
        var isPer = IsWord(i, "per") || (IsGluedSymbol(i, '/') && !_t[i + 1].SpaceBefore);
        if (!isPer || FigureLexicon.NotCountedNouns.Contains(word) || FigureLexicon.MonthWords.Contains(word))
        {
            return false;
        }

        last = i + 1;
        per = word.ToString().ToLowerInvariant();
        return true;
    }

    private string? CurrencySymbol(int i)
    {
        var token = _t[i];
        if (token.Kind == FigureTokenKind.Symbol)
        {
            return _text[token.Start] switch
            {
                '€' => "EUR",
                '$' => "USD",
                '£' => "GBP",
                _ => null,
            };
        }

        if (token.Kind == FigureTokenKind.Word)
        {
            var span = token.Span(_text);
            // Only the ISO codes stand before an amount; "euro 5" is not how amounts are written.
            return span.SequenceEqual("EUR") ? "EUR" : span.SequenceEqual("USD") ? "USD" : span.SequenceEqual("GBP") ? "GBP" : null;
        }

        return null;
    }

    private string? CurrencyAfter(int i)
    {
        var token = _t[i];
        if (token.Kind == FigureTokenKind.Symbol)
        {
            return CurrencySymbol(i);
        }

        if (token.Kind != FigureTokenKind.Word)
        {
            return null;
        }

        var span = token.Span(_text);
        return FigureLexicon.EuroWords.Contains(span) ? "EUR"
            : FigureLexicon.DollarWords.Contains(span) ? "USD"
            : FigureLexicon.PoundWords.Contains(span) ? "GBP"
            : null;
    }

    private bool IsScaleWord(int i) =>
        i < _t.Count && _t[i].Kind == FigureTokenKind.Word && _t[i].SpaceBefore && FigureLexicon.ScaleLookup.ContainsKey(_t[i].Span(_text));

    private bool IsCurrencyWord(int i) => i < _t.Count && CurrencyAfter(i) is not null;

    // ---- ranges and lists --------------------------------------------------------------------

    private bool TryRange(Core low, out int last)
    {
        last = -1;
        var connector = low.Last + 1;
        if (connector + 1 >= _t.Count || _t[connector].NewlineBefore)
        {
            return false;
        }

        var keyword = KeywordBefore(low.First, out var keywordFirst);
        var next = connector + 1;
        bool allowed;
        var keywordUsed = false;
        if (IsWord(connector, "en"))
        {
            allowed = keywordUsed = keyword == "tussen";
        }
        else if (IsWord(connector, "tot"))
        {
            keywordUsed = keyword is "van" or "tussen";
            allowed = keywordUsed || !low.HasUnit;
            if (IsWord(next, "en") && IsWord(next + 1, "met"))
            {
                next += 2;
            }
        }
        else if (IsWord(connector, "à") || IsSymbol(connector, '-') || IsSymbol(connector, '–'))
        {
            allowed = true;
        }
        else
        {
            return false;
        }

        if (!allowed || next >= _t.Count || _t[next].NewlineBefore || !TryReadCore(next, out var high))
        {
            return false;
        }

        // A count range needs the words that make it one ("tussen 100 en 200 deelnemers").
        var unit = high.Unit;
        string? noun = null;
        var highLast = high.Last;
        if (unit == UnitKind.None)
        {
            if (!keywordUsed || low.HasUnit || !TryCountNoun(high.Q, high.Q.Last + 1, out highLast, out noun))
            {
                return false;
            }

            unit = UnitKind.Noun;
        }

        if (low.HasUnit && (low.Unit != unit || low.Currency != high.Currency))
        {
            return false;
        }

        // "2021 - 100.000 euro", "2027 tot 300 miljard euro": a year before an amount is not the low end of a range.
        if (IsYear(low.Q) && (unit == UnitKind.Noun || !low.HasUnit))
        {
            return false;
        }

        var lowQ = low.Q;
        if (!lowQ.HasScale && high.Q.HasScale && lowQ.Raw <= high.Q.Raw)
        {
            lowQ = lowQ.WithScale(high.Q.Scale);
        }

        if (lowQ.Value >= high.Q.Value)
        {
            // "van 10% tot 5%" is a change, not a range.
            return false;
        }

        var kind = unit switch
        {
            UnitKind.Noun => FigureKind.Count,
            UnitKind.Money => high.Per is null ? FigureKind.Money : FigureKind.Rate,
            _ => FigureKind.Percentage,
        };
        var first = keywordUsed ? keywordFirst : low.First;
        var figure = Add(kind, lowQ.Value, first, highLast, Math.Max(lowQ.Tolerance, high.Q.Tolerance));
        _figures[^1] = figure with
        {
            RangeEnd = Normalise(high.Q.Value),
            Currency = unit == UnitKind.Money ? high.Currency ?? low.Currency : null,
            Unit = UnitName(unit, noun),
            Per = high.Per,
            Qualifier = QualifierBefore(first),
        };
        MarkUsed(low.First, highLast);
        last = highLast;
        return true;
    }

    // "respectievelijk 2, 3 en 4 procent": the bare numbers before take the unit of the last one.
    private void InheritUnitBackwards(Core core)
    {
        if (core.CurrencyBefore >= 0 || core.Per is not null)
        {
            return;
        }

        var k = core.Q.First - 1;
        while (k >= 1 && (IsSymbol(k, ',') || IsWord(k, "en") || IsWord(k, "of"))
            && _bareByLast.TryGetValue(k - 1, out var bare) && !_used[bare.First])
        {
            if (!bare.HasScale && core.Q.HasScale && bare.Raw <= core.Q.Raw)
            {
                bare = bare.WithScale(core.Q.Scale);
            }

            var figure = Add(core.IsMoney ? FigureKind.Money : FigureKind.Percentage, bare.Value, bare.First, bare.Last, bare.Tolerance);
            _figures[^1] = figure with { Currency = core.Currency, Unit = UnitName(core.Unit, null) };
            MarkUsed(bare.First, bare.Last);
            k = bare.First - 1;
        }
    }

    private string? KeywordBefore(int first, out int keywordFirst)
    {
        keywordFirst = first - 1;
        if (first >= 2 && IsWord(first - 1, "de") && IsWord(first - 2, "tussen"))
        {
            keywordFirst = first - 2;
            return "tussen";
        }

        if (first >= 1 && !_t[first].NewlineBefore)
        {
            if (IsWord(first - 1, "tussen"))
            {
                return "tussen";
            }

            if (IsWord(first - 1, "van"))
            {
                return "van";
            }
        }

        return null;
    }

    // ---- what a bare number is not -------------------------------------------------------------

    private bool IsGlued(Quantity q)
    {
        var first = _t[q.First];
        if (q.First > 0 && !first.SpaceBefore && !first.NewlineBefore)
        {
            var before = _t[q.First - 1];
            if (before.Kind is FigureTokenKind.Word or FigureTokenKind.Number or FigureTokenKind.Link)
            {
                return true;
            }

            // A glued '+' is a sign ("(+12%)"); the other symbols join labels, dates and codes.
            if (before.Kind == FigureTokenKind.Symbol && "/:-–.,#§_=&".Contains(_text[before.Start], StringComparison.Ordinal))
            {
                return true;
            }
        }

        var after = q.Last + 1;
        if (after < _t.Count && !_t[after].SpaceBefore && !_t[after].NewlineBefore)
        {
            var next = _t[after];
            if (next.Kind is FigureTokenKind.Word or FigureTokenKind.Link)
            {
                // "6a", "2de", "3e": a label or an ordinal. Units were read into the quantity already.
                return !IsUnitWord(after);
            }

            if (next.Kind == FigureTokenKind.Symbol)
            {
                var c = _text[next.Start];
                var followedByGlued = after + 1 < _t.Count && !_t[after + 1].SpaceBefore && !_t[after + 1].NewlineBefore;
                if (followedByGlued && (c is '/' or ':' or '.' or '-' or '–' or '_' || (c == ',' && _t[after + 1].Kind != FigureTokenKind.Symbol)))
                {
                    // "24/12/2021", "14:30", "10.VDAB", "65-plussers", "2019-2023" without a unit.
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsUnitWord(int i)
    {
        var span = _t[i].Span(_text);
        return FigureLexicon.PercentWords.Contains(span) || FigureLexicon.PercentPointWords.Contains(span)
            || IsCurrencyWord(i) || FigureLexicon.ScaleLookup.ContainsKey(span);
    }

    private bool IsListLabel(int i)
    {
        var token = _t[i];
        return (i == 0 || token.NewlineBefore) && (IsGluedSymbol(i + 1, '.') || IsGluedSymbol(i + 1, ')'));
    }

    private static bool IsYear(Quantity q) =>
        !q.Written && !q.Grouped && !q.HasScale && q.Decimals == 0 && q.Raw is >= 1800 and <= 2100;

    private bool IsYearToken(int i)
    {
        var token = _t[i];
        return token.Kind == FigureTokenKind.Number && token.Length == 4
            && DutchNumber.TryParseDigits(token.Span(_text), out var value, out _, out var grouped) && !grouped
            && value is >= 1800 and <= 2100;
    }

    private bool FollowsIdentifier(Quantity q)
    {
        var first = q.First;
        if (first == 0 || _t[first].NewlineBefore)
        {
            return false;
        }

        var k = first - 1;
        var before = _t[k];
        if (before.Kind == FigureTokenKind.Symbol && _text[before.Start] is '§' or '#' or '°' or 'º')
        {
            return Mark(first);
        }

        // "nr. 264", "art. 5": the abbreviation's period stands between word and number.
        if (before.IsSymbol(_text, '.') && k > 0 && !before.SpaceBefore)
        {
            k--;
            before = _t[k];
        }

        if (before.Kind == FigureTokenKind.Word)
        {
            var word = before.Span(_text);
            // After an acronym only an ungrouped number is a label: "ESF 493" is a call, but in
            // "VDAB 5.000 trajecten" the grouping says quantity.
            if (FigureLexicon.IdentifierWords.Contains(word) || (!q.Grouped && IsAcronymLike(word)))
            {
                return Mark(first);
            }
        }

        // "ESF 493 en 562", "ESF-oproepen 510, 528 en 542": the chain after an identifier.
        if ((before.IsSymbol(_text, ',') || IsWord(k, "en") || IsWord(k, "of") || IsWord(k, "tot")) && k > 0 && _identifier[k - 1])
        {
            return Mark(first);
        }

        return false;

        bool Mark(int index)
        {
            _identifier[index] = true;
            return true;
        }
    }

    // "ESF", "KB", "ESF-oproepen": an all-capitals word, or a compound one of whose parts is one
    // or is a word that labels ("oproepen").
    private static bool IsAcronymLike(ReadOnlySpan<char> word)
    {
        foreach (var range in word.Split('-'))
        {
            var part = word[range];
            if (part.Length >= 2 && IsAllUpper(part))
            {
                return true;
            }

            if (part.Length < word.Length && FigureLexicon.IdentifierWords.Contains(part))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> part)
    {
        foreach (var c in part)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsDateOrSpan(int next)
    {
        if (next >= _t.Count || _t[next].NewlineBefore || _t[next].Kind != FigureTokenKind.Word)
        {
            return false;
        }

        var word = _t[next].Span(_text);
        return FigureLexicon.MonthWords.Contains(word) || FigureLexicon.TimeWords.Contains(word) || FigureLexicon.MeasureWords.Contains(word);
    }

    // "3 op de 100 Vlamingen", "4 van de 10 gezinnen": a proportion, neither number a figure.
    private bool IsRatio(int next, out int end)
    {
        end = next - 1;
        var k = next;
        if (IsWord(k, "op") || (IsWord(k, "van") && IsWord(k + 1, "de")))
        {
            k += IsWord(k + 1, "de") ? 2 : 1;
            if (k < _t.Count && _t[k].Kind == FigureTokenKind.Number && !_t[k].NewlineBefore)
            {
                _used[k] = true;
                end = k;
                return true;
            }
        }

        return false;
    }

    private bool TryCountNoun(Quantity q, int i, out int last, out string? noun)
    {
        last = -1;
        noun = null;
        if (IsYear(q) || q.Value != decimal.Truncate(q.Value) || !IsCandidateNoun(i))
        {
            return false;
        }

        last = i;
        // Up to two adjectives before the noun: "12.000 nieuwe trajecten", "44 lokale partnerschappen".
        for (var hops = 0; hops < 2 && IsAdjective(last) && IsCandidateNoun(last + 1); hops++)
        {
            last++;
        }

        var word = _t[last].Span(_text);
        if (!q.Grouped && !q.HasScale && q.Raw is >= 1000 and <= 9999 && char.IsUpper(word[0]) && last == i)
        {
            // "9000 Gent": a postal code before a place name.
            return false;
        }

        noun = word.ToString();
        return true;
    }

    private bool IsAdjective(int i)
    {
        var word = _t[i].Span(_text);
        return word[^1] == 'e' || FigureLexicon.CountAdjectives.Contains(word);
    }

    private bool IsCandidateNoun(int i)
    {
        if (i >= _t.Count || _t[i].Kind != FigureTokenKind.Word || !_t[i].SpaceBefore || _t[i].NewlineBefore)
        {
            return false;
        }

        var word = _t[i].Span(_text);
        if (word.Length < 2 || FigureLexicon.NotCountedNouns.Contains(word) || FigureLexicon.TimeWords.Contains(word)
            || FigureLexicon.MeasureWords.Contains(word) || FigureLexicon.MonthWords.Contains(word) || IsUnitWord(i))
        {
            return false;
        }

        // Past participles ("gestart", "gevraagd") follow numbers in "er werden 5 gestart".
        if (word.Length > 5 && word.StartsWith("ge", StringComparison.OrdinalIgnoreCase) && word[^1] is 'd' or 't')
        {
            return false;
        }

        return true;
    }

    private bool IsImpliedMoney(Quantity q)
    {
        if (IsYear(q) || (q.Written && !q.HasScale))
        {
            return false;
        }

        if (q.HasScale && q.Scale >= 1_000_000m)
        {
            return _sentences.HasMoneyContext(q.First);
        }

        // "een budget van 250.000": a money word right before the number.
        if (q.Value < 1000)
        {
            return false;
        }

        for (var k = q.First - 1; k >= 0 && k >= q.First - 3 && !_t[k + 1].NewlineBefore; k--)
        {
            if (_t[k].Kind == FigureTokenKind.Word && FigureLexicon.MoneyContextWords.Contains(_t[k].Span(_text)))
            {
                return true;
            }
        }

        return false;
    }

    // ---- building figures -----------------------------------------------------------------------

    private void AddUnitFigure(Core core)
    {
        var kind = core.Unit switch
        {
            UnitKind.Money => core.Per is null ? FigureKind.Money : FigureKind.Rate,
            _ => FigureKind.Percentage,
        };
        var figure = Add(kind, core.Q.Value, core.First, core.Last, core.Q.Tolerance);
        _figures[^1] = figure with
        {
            Currency = core.IsMoney ? core.Currency : null,
            Unit = UnitName(core.Unit, null),
            Per = core.Per,
            Warning = core.Q.Misplaced ? "misplaced-separator: the amount is reported as written; its last group has fewer than three digits" : null,
        };
        MarkUsed(core.First, core.Last);
    }

    private static string? UnitName(UnitKind unit, string? noun) => unit switch
    {
        UnitKind.Percent => "percent",
        UnitKind.PercentPoint => "procentpunt",
        UnitKind.Noun => noun,
        _ => null,
    };

    private Figure Add(FigureKind kind, decimal value, int firstToken, int lastToken, decimal tolerance)
    {
        var start = _t[firstToken].Start;
        var end = _t[lastToken].End;
        var figure = new Figure(kind, Normalise(value), _text[start..end], start, end - start, _location)
        {
            Qualifier = QualifierBefore(firstToken),
            Tolerance = tolerance,
        };
        _figures.Add(figure);
        MarkUsed(firstToken, lastToken);
        return figure;
    }

    // 1,5 × 1000000 is 1500000.0 as a decimal; drop the trailing zeros so values print as written.
    private static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;

    private void MarkUsed(int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            _used[k] = true;
        }
    }

    private string? QualifierBefore(int first)
    {
        if (first == 0 || _t[first].NewlineBefore)
        {
            return null;
        }

        var end = first;
        var before = _t[end - 1];
        if (before.Kind == FigureTokenKind.Symbol)
        {
            if (_text[before.Start] == '±')
            {
                return "±";
            }

            // "+/- 5%", "+- 5%"
            if (IsSymbol(end - 1, '-') && end >= 2 && (IsSymbol(end - 2, '+') || (IsSymbol(end - 2, '/') && end >= 3 && IsSymbol(end - 3, '+'))))
            {
                return "±";
            }
        }

        // "rond de 30 procent": the article between qualifier and number is allowed.
        if (IsWord(end - 1, "de") && end >= 2)
        {
            var withArticle = MatchQualifier(end - 1);
            if (withArticle is not null)
            {
                return withArticle;
            }
        }

        return MatchQualifier(end);
    }

    private string? MatchQualifier(int end)
    {
        // An abbreviation's period ("ca. 5.000") stands between the qualifier and the number.
        if (end >= 2 && IsSymbol(end - 1, '.') && !_t[end - 1].SpaceBefore)
        {
            end--;
        }

        foreach (var phrase in FigureLexicon.Qualifiers)
        {
            var start = end - phrase.Length;
            if (start < 0)
            {
                continue;
            }

            var match = true;
            for (var w = 0; w < phrase.Length && match; w++)
            {
                var k = start + w;
                match = _t[k].Kind == FigureTokenKind.Word && (w == 0 || !_t[k].NewlineBefore)
                    && _t[k].Span(_text).Equals(phrase[w], StringComparison.OrdinalIgnoreCase);
            }

            if (match && !_t[end].NewlineBefore)
            {
                return phrase switch
                {
                    ["ca"] => "circa",
                    ["max"] => "maximum",
                    ["zo’n"] => "zo'n",
                    _ => string.Join(' ', phrase),
                };
            }
        }

        return null;
    }

    private ImmutableArray<Figure> Finish()
    {
        _figures.Sort((a, b) => a.Start.CompareTo(b.Start));
        var builder = ImmutableArray.CreateBuilder<Figure>(_figures.Count);
        foreach (var figure in _figures)
        {
            var sentence = _sentences.IndexAt(figure.Start);
            builder.Add(figure with
            {
                Sentence = _sentences.Text(sentence),
                Years = YearsIn(sentence),
            });
        }

        return builder.MoveToImmutable();
    }

    private ImmutableArray<int> YearsIn(int sentence)
    {
        var (first, last) = _sentences.TokenRange(sentence);
        ImmutableArray<int>.Builder? years = null;
        for (var k = first; k <= last; k++)
        {
            if (IsYearToken(k) && !FollowsNumberLabel(k) && !IsFigureToken(k) && !GluedToWord(k))
            {
                var year = int.Parse(_t[k].Span(_text), System.Globalization.CultureInfo.InvariantCulture);
                years ??= ImmutableArray.CreateBuilder<int>();
                if (!years.Contains(year))
                {
                    years.Add(year);
                }
            }
        }

        return years?.ToImmutable() ?? [];
    }

    private bool FollowsNumberLabel(int k)
    {
        var before = k - 1;
        if (IsSymbol(before, '.') && !_t[before].SpaceBefore)
        {
            before--;
        }

        return before >= 0 && _t[before].Kind == FigureTokenKind.Word && FigureLexicon.NumberLabels.Contains(_t[before].Span(_text));
    }

    private bool IsFigureToken(int k)
    {
        var start = _t[k].Start;
        foreach (var figure in _figures)
        {
            if (start >= figure.Start && start < figure.Start + figure.Length && figure.Kind != FigureKind.Count)
            {
                return true;
            }
        }

        return false;
    }

    private bool GluedToWord(int k) =>
        (k > 0 && !_t[k].SpaceBefore && _t[k - 1].Kind == FigureTokenKind.Word)
        || (k + 1 < _t.Count && !_t[k + 1].SpaceBefore && _t[k + 1].Kind == FigureTokenKind.Word);

    // ---- token helpers --------------------------------------------------------------------------

    private bool IsWord(int i, string word) =>
        i >= 0 && i < _t.Count && _t[i].Kind == FigureTokenKind.Word && _t[i].Span(_text).Equals(word, StringComparison.OrdinalIgnoreCase);

    private bool IsSymbol(int i, char c) => i >= 0 && i < _t.Count && _t[i].IsSymbol(_text, c);

    private bool IsGluedSymbol(int i, char c) => IsSymbol(i, c) && !_t[i].SpaceBefore;
}
