using System.CommandLine;
using System.Globalization;
using System.Text;
using QaIngest.Cli.Output;
using QaIngest.Index;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest amounts</c>: the money amounts of the corpus, largest first, with their answers.</summary>
public static class AmountsCommand
{
    public static Command Create()
    {
        var min = new Option<decimal?>("--min") { Description = "Smallest amount (in the currency's unit)." };
        var max = new Option<decimal?>("--max") { Description = "Largest amount." };
        var query = new Option<string?>("--query") { Description = "Only amounts in items matching this query." };
        var limit = new Option<int>("--limit") { Description = "How many rows.", DefaultValueFactory = _ => 50 };
        var data = Options.Data();
        var format = Options.Format();
        var command = new Command("amounts", "List money amounts, largest first, with the answer they stand in.") { min, max, query, limit, data, format };
        command.SetAction(r => Run(r.GetValue(min), r.GetValue(max), r.GetValue(query), r.GetValue(limit), r.GetValue(data)!, r.GetValue(format)!));
        return command;
    }

    private static int Run(decimal? min, decimal? max, string? query, int limit, string data, string format)
    {
        if (min > max)
        {
            return CommandLine.Fail("--min is larger than --max");
        }

        if (CommandLine.OpenIndex(data, create: false, out var failure) is not { } index)
        {
            return failure;
        }

        using (index)
        {
            var (rows, error) = index.Amounts(min, max, query, limit);
            if (error is not null)
            {
                return CommandLine.Fail(error);
            }

            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(rows));
                return CommandLine.Ok;
            }

            var sb = new StringBuilder();
            foreach (var row in rows)
            {
                var where = row.DocumentNumber is { } n ? $"nr. {n}" : Path.GetFileName(row.Source);
                sb.AppendLine($"{Amounts.Format(row.Value, row.Currency),20}{(row.Per is null ? "" : $" per {row.Per}"),-14}  {row.Section} {row.Number} of {where}  \"{row.Text}\"  {row.Title}");
            }

            Console.Out.Write(sb.Length == 0 ? "no amounts\n" : sb.ToString());
            return CommandLine.Ok;
        }
    }
}
