using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using QaIngest.Search;

namespace QaIngest.Web;

/// <summary>
/// The search page's form: the words, the facet filters clicked (<c>f=year:2021</c>), an amount
/// range, the order and the page. Together they make one query of the query language, so the page
/// and <c>/api/search</c> (and <c>qaingest search</c>) answer the same thing.
/// </summary>
public sealed partial record SearchForm(string Words, ImmutableArray<string> Filters, decimal? Min, decimal? Max, SearchSort Sort, int Page)
{
    public const int MaxPage = 100;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{0,30}:[^""\r\n]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex FilterShape();

    [GeneratedRegex(@"^-?\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Integer();

    /// <summary>Whether anything was asked.</summary>
    public bool IsEmpty => Words.Length == 0 && Filters.IsEmpty && Min is null && Max is null;

    /// <summary>Reads the form from a query string, or says which parameter is wrong.</summary>
    public static (SearchForm? Form, string? Error) From(IQueryCollection query)
    {
        var words = query["q"].ToString().Trim();
        var filters = query["f"].Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!.Trim()).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (filters.Length > 10)
        {
            return (null, "at most 10 filters (f)");
        }

        if (filters.FirstOrDefault(f => !FilterShape().IsMatch(f)) is { } bad)
        {
            return (null, $"a filter is written field:value, without quotes: '{bad}'");
        }

        var (min, minError) = Amount(query, "min");
        var (max, maxError) = Amount(query, "max");
        if ((minError ?? maxError) is { } amountError)
        {
            return (null, amountError);
        }

        if (min > max)
        {
            return (null, "min is larger than max");
        }

        var sortText = query["sort"].ToString();
        SearchSort sort;
        if (sortText.Length == 0)
        {
            sort = SearchSort.Relevance;
        }
        else if (!Enum.TryParse(sortText, ignoreCase: true, out sort) || !Enum.IsDefined(sort) || Integer().IsMatch(sortText))
        {
            return (null, "sort is relevance, date or amount");
        }

        var page = 1;
        var pageText = query["page"].ToString();
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page is < 1 or > MaxPage))
        {
            return (null, $"page is a number from 1 to {MaxPage}");
        }

        return (new SearchForm(words, filters, min, max, sort, page), null);
    }

    private static (decimal? Value, string? Error) Amount(IQueryCollection query, string name)
    {
        var text = query[name].ToString().Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value < 1_000_000_000_000_000m
            ? (value, null)
            : (null, $"{name} is an amount such as 1000000 (digits, a point for decimals)");
    }

    /// <summary>The query of the query language this form asks: the words, then every filter and the amount range.</summary>
    public string Query
    {
        get
        {
            var clauses = new List<string>();
            if (Words.Length > 0)
            {
                // Words with a top-level OR are kept together before the filters are added.
                clauses.Add(Filters.IsEmpty && Min is null && Max is null || !Words.Contains(" OR ", StringComparison.Ordinal) ? Words : $"({Words})");
            }

            clauses.AddRange(Filters.Select(Clause));
            if (Min is { } lo && Max is { } hi)
            {
                clauses.Add(FormattableString.Invariant($"amount:[{lo} TO {hi}]"));
            }
            else if (Min is { } least)
            {
                clauses.Add(FormattableString.Invariant($"amount:>={least}"));
            }
            else if (Max is { } most)
            {
                clauses.Add(FormattableString.Invariant($"amount:<={most}"));
            }

            return string.Join(' ', clauses);
        }
    }

    /// <summary>A facet filter as a clause: <c>year:2021</c>, <c>minister:"Jo Brouns"</c>, <c>answer:"numbered"</c> (facet answerKind).</summary>
    public static string Clause(string filter)
    {
        var colon = filter.IndexOf(':', StringComparison.Ordinal);
        var (facet, value) = (filter[..colon], filter[(colon + 1)..].Trim());
        var field = FilterField(facet) ?? facet;
        return Integer().IsMatch(value) ? $"{field}:{value}" : $"{field}:\"{value}\"";
    }

    /// <summary>
    /// The field of the query language that filters by a facet's value, or null when there is none
    /// (the facet is then shown as counts without links). The facets are named as the index names
    /// them; the answer kind is the query language's <c>answer:</c>.
    /// </summary>
    public static string? FilterField(string facet) => facet switch
    {
        "answerKind" => "answer",
        "year" => "year",
        _ when QueryParser.TextFields.Contains(facet) => facet,
        _ => null,
    };

    /// <summary>The parameters of this form, to build links that change one of them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Parameters(int? page = null, SearchSort? sort = null, IEnumerable<string>? filters = null)
    {
        yield return new("q", Words);
        foreach (var filter in filters ?? Filters)
        {
            yield return new("f", filter);
        }

        yield return new("min", Min?.ToString(CultureInfo.InvariantCulture));
        yield return new("max", Max?.ToString(CultureInfo.InvariantCulture));
        var order = sort ?? Sort;
        yield return new("sort", order == SearchSort.Relevance ? null : order.ToString().ToLowerInvariant());
        var p = page ?? Page;
        yield return new("page", p == 1 ? null : p.ToString(CultureInfo.InvariantCulture));
    }
}
