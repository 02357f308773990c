using System.CommandLine;
using System.Text;
using QaIngest.Cli.Output;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest search QUERY</c>: answer-level hits with snippets and figures.</summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "The query: terms, \"phrases\", AND/OR/NOT, +/-, prefix*, title:/asker:/minister:, year:2021, year:2019..2023, number:693, amount:>=10000000, amount:[2000000 TO 3000000]." };
        var data = Options.Data();
        var format = Options.Format();
        var limit = new Option<int>("--limit") { Description = "How many hits (1 to 1000).", DefaultValueFactory = _ => 10 };
        var sort = new Option<string>("--sort") { Description = "relevance, date or amount.", DefaultValueFactory = _ => "relevance" };
        sort.AcceptOnlyFromAmong("relevance", "date", "amount");
        var facets = new Option<bool>("--facets") { Description = "Count matching items per minister, asker, year, theme and answer kind." };
        var group = new Option<bool>("--group") { Description = "Group hits by written question." };
        var command = new Command("search", "Search the index.") { query, data, format, limit, sort, facets, group };
        command.SetAction(r => Run(
            r.GetValue(query)!, r.GetValue(data)!, r.GetValue(format)!, r.GetValue(limit), Enum.Parse<SearchSort>(r.GetValue(sort)!, ignoreCase: true),
            r.GetValue(facets), r.GetValue(group)));
        return command;
    }

    private static int Run(string query, string data, string format, int limit, SearchSort sort, bool facets, bool group)
    {
        if (limit is < 1 or > 1000)
        {
            return CommandLine.Fail("--limit must be between 1 and 1000");
        }

        if (CommandLine.OpenIndex(data, create: false, out var failure) is not { } index)
        {
            return failure;
        }

        using (index)
        {
            var (results, error) = index.Search(new SearchRequest(query) { Limit = limit, Sort = sort, Facets = facets });
            if (error is not null)
            {
                return CommandLine.Fail(error);
            }

            if (format == "json")
            {
                Console.Out.WriteLine(group ? Json.Serialize(new { results!.Query, results.Total, Groups = Groups(results), results.Facets }) : Json.Serialize(results));
            }
            else
            {
                Console.Out.Write(Text(results!, group));
            }

            return CommandLine.Ok;
        }
    }

    private static IEnumerable<object> Groups(SearchResults results) =>
        results.Hits.GroupBy(h => h.Source).Select(g => new { Source = g.Key, g.First().DocumentNumber, g.First().Title, g.First().Date, Hits = g.ToList() });

    private static string Text(SearchResults results, bool group)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{(results.TotalIsEstimate ? "about " : "")}{results.Total} matching items for {results.Query}");
        if (results.RankedWindow is { } window)
        {
            sb.AppendLine($"(the words are in very many items: ranked among the {window:N0} most recent items)");
        }

        var rank = 0;
        foreach (var documentHits in group ? results.Hits.GroupBy(h => h.Source) : results.Hits.GroupBy(_ => Guid.NewGuid().ToString()))
        {
            var first = documentHits.First();
            if (group)
            {
                sb.AppendLine($"== {Describe(first)}");
            }

            foreach (var hit in documentHits)
            {
                rank++;
                sb.AppendLine($"{rank,3}. {hit.Section} {hit.Number} of {(group ? "this question" : Describe(hit))}  score {hit.Score:0.###}{(hit.ViaCompound ? " (compound)" : "")}");
                sb.AppendLine($"     {hit.Snippet}");
                foreach (var f in LabelsFirst(hit.Figures, results.Query))
                {
                    var cell = f.Row is null ? "" : $" — row '{f.Row}', column '{f.Column}'{(string.IsNullOrEmpty(f.Table) ? "" : $" ({f.Table})")}";
                    sb.AppendLine($"     figure: {Amounts.Format(f.Value, f.Currency)}{(f.Per is null ? "" : $" per {f.Per}")}{(f.Unit is null || f.Kind == "money" || f.Row is not null ? "" : $" {f.Unit}")}{cell} ({f.Kind}: \"{f.Text}\")");
                }
            }
        }

        foreach (var (name, counts) in results.Facets)
        {
            sb.AppendLine($"{name}: {string.Join(", ", counts.Select(c => $"{c.Value} ({c.Count})"))}");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The hit's figures, table cells whose row or column names more of the query's words first (the
    /// cell a query "Limburg 2023 steun" asks for leads), otherwise in the item's order.
    /// </summary>
    private static IEnumerable<HitFigure> LabelsFirst(IReadOnlyList<HitFigure> figures, string query)
    {
        var words = query.Split([' ', '"', '(', ')', ':'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 2).ToList();
        return figures
            .Select((f, i) => (Figure: f, Index: i, Matches: f.Row is null ? 0 : words.Count(w => $"{f.Row} {f.Column} {f.Table}".Contains(w, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(x => x.Matches)
            .ThenBy(x => x.Index)
            .Select(x => x.Figure);
    }

    private static string Describe(SearchHit hit) =>
        $"{(hit.DocumentNumber is { } n ? $"nr. {n}" : Path.GetFileName(hit.Source))}{(hit.Date is { } d ? $" ({d:yyyy-MM-dd})" : "")} {hit.Title}";
}
