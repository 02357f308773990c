using System.CommandLine;
using System.Text;
using System.Text.Json;
using QaIngest.Cli.Output;
using QaIngest.Index;
using QaIngest.Search;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest eval search --queries FILE</c>: runs the queries of a file in the format of
/// shared/gold/queries.json and reports MRR, recall@10 and every expectation that is not met.
/// </summary>
public static class EvalSearchCommand
{
    private const int Depth = 10;

    public static Command Create()
    {
        var queries = new Option<string>("--queries") { Description = "Queries with their expected hits (as shared/gold/queries.json).", Required = true };
        var data = Options.Data();
        var format = Options.Format();
        var command = new Command("search", "Check search results against expected hits: MRR and recall@10.") { queries, data, format };
        command.SetAction(r => Run(r.GetValue(queries)!, r.GetValue(data)!, r.GetValue(format)!));
        return command;
    }

    private static int Run(string queriesFile, string data, string format)
    {
        var text = InputFile.ReadText(queriesFile, out var readError);
        if (text is null)
        {
            return CommandLine.Fail(readError!);
        }

        QueriesFile? file;
        try
        {
            file = JsonSerializer.Deserialize<QueriesFile>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException e)
        {
            return CommandLine.Fail($"{queriesFile}: not a queries file: {e.Message}");
        }

        if (file?.Queries is not { Count: > 0 })
        {
            return CommandLine.Fail($"{queriesFile}: no queries");
        }

        if (CommandLine.OpenIndex(data, create: false, out var failure) is not { } index)
        {
            return failure;
        }

        using (index)
        {
            var outcomes = new List<QueryOutcome>();
            foreach (var q in file.Queries)
            {
                var (results, error) = index.Search(new SearchRequest(q.Query) { Limit = Depth });
                var hits = results?.Hits ?? [];
                var ranks = q.Expect.Select(e => 1 + hits.ToList().FindIndex(h =>
                    Path.GetFileName(h.Source) == e.File && h.Section == e.Section && h.Number == e.Number)).ToList();
                var problems = new List<string>();
                if (error is not null)
                {
                    problems.Add(error);
                }

                for (var i = 0; i < q.Expect.Count; i++)
                {
                    var e = q.Expect[i];
                    if (ranks[i] == 0)
                    {
                        problems.Add($"{e.File} {e.Section} {e.Number} not in the top {Depth}");
                    }
                    else if (e.Top && ranks[i] != 1)
                    {
                        problems.Add($"{e.File} {e.Section} {e.Number} is at rank {ranks[i]}, not first");
                    }
                }

                var found = ranks.Where(r => r > 0).ToList();
                outcomes.Add(new QueryOutcome(
                    q.Query,
                    found.Count == 0 ? 0 : 1.0 / found.Min(),
                    (double)found.Count / q.Expect.Count,
                    problems));
            }

            var report = new EvalReport(
                Math.Round(outcomes.Average(o => o.ReciprocalRank), 3),
                Math.Round(outcomes.Average(o => o.RecallAt10), 3),
                outcomes.Count(o => o.Problems.Count == 0),
                outcomes.Count,
                outcomes);
            Console.Out.Write(format == "json" ? Json.Serialize(report) + "\n" : Render(report));
            return outcomes.All(o => o.Problems.Count == 0) ? CommandLine.Ok : CommandLine.SomeFailed;
        }
    }

    private static string Render(EvalReport report)
    {
        var sb = new StringBuilder();
        foreach (var o in report.Queries)
        {
            sb.AppendLine($"{(o.Problems.Count == 0 ? "ok  " : "FAIL")} {o.Query}  (RR {o.ReciprocalRank:0.###}, recall@10 {o.RecallAt10:0.###})");
            foreach (var p in o.Problems)
            {
                sb.AppendLine($"     {p}");
            }
        }

        sb.AppendLine($"MRR {report.Mrr:0.###}, recall@10 {report.RecallAt10:0.###}, {report.Met} of {report.Total} queries meet every expectation");
        return sb.ToString();
    }

    private sealed record QueriesFile(List<ExpectedQuery> Queries);

    private sealed record ExpectedQuery(string Query, List<ExpectedHit> Expect);

    private sealed record ExpectedHit(string File, string Section, int Number, bool Top);

    private sealed record QueryOutcome(string Query, double ReciprocalRank, double RecallAt10, List<string> Problems);

    private sealed record EvalReport(double Mrr, double RecallAt10, int Met, int Total, List<QueryOutcome> Queries);
}
