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
        var tables = new Option<bool>("--tables") { Description = "List the figures of tables instead (money, percentages, counts), with their row, column and table." };
        var data = Options.Data();
        var format = Options.Format();
        var command = new Command("amounts", "List money amounts, largest first, with the answer they stand in.") { min, max, query, limit, tables, data, format };
        command.SetAction(r => r.GetValue(tables)
            ? RunTables(r.GetValue(limit), r.GetValue(data)!, r.GetValue(format)!)
            : Run(r.GetValue(min), r.GetValue(max), r.GetValue(query), r.GetValue(limit), r.GetValue(data)!, r.GetValue(format)!));
        return command;
    }

    /// <summary>The table figures of the store, largest first, each with the labels that say what it is.</summary>
    private static int RunTables(int limit, string data, string format)
    {
        if (limit is < 1 or > 100_000)
        {
            return CommandLine.Fail("--limit must be between 1 and 100000");
        }

        if (CommandLine.OpenIndex(data, create: false, out var failure) is not { } index)
        {
            return failure;
        }

        using (index)
        {
            var rows = index.TableFigures(limit);
            if (format == "json")
            {
                Console.Out.WriteLine(Json.Serialize(rows.Select(r => new { key = r.Key, kind = r.Kind, value = r.Value, text = r.Text, row = r.Row, column = r.Column, table = r.Caption, sheet = r.Sheet })));
                return CommandLine.Ok;
            }

            var sb = new StringBuilder();
            foreach (var r in rows)
            {
                var value = r.Kind == "money" ? Amounts.Format(r.Value, "EUR") : r.Value.ToString(CultureInfo.InvariantCulture) + (r.Kind == "percentage" ? " %" : "");
                sb.AppendLine($"{value,20}  row '{r.Row}'{(r.Column is { Length: > 0 } c ? $", column '{c}'" : "")}{(r.Caption is { Length: > 0 } t ? $", table '{t}'" : "")}{(r.Sheet is { } sh ? $", {sh}" : "")}  {r.Key}");
            }

            Console.Out.Write(sb.Length == 0 ? "no table figures\n" : sb.ToString());
            return CommandLine.Ok;
        }
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
