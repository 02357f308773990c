using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using QaIngest.Cli.Output;
using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest eval figures --gold DIR</c>: parses the seed each gold file names, extracts its
/// figures and prints precision and recall per kind against the gold money, percentage and count
/// lists. The gold count lists are partial, so count precision is only a lower bound.
/// </summary>
public static class EvalFiguresCommand
{
    /// <summary>The exit code when some gold file or seed could not be read or parsed.</summary>
    public const int PartialFailure = 1;

    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Folder of gold files (NNN_*.json, as in shared/gold).", Required = true };
        var seeds = new Option<string?>("--seeds") { Description = "Folder of the seed documents the gold files name (default: seeds/ next to the gold folder or above the current folder)." };
        var format = new Option<string>("--format") { Description = "Output format: json or text.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        var command = new Command("figures", "Compare extracted figures with the gold files: precision and recall per kind.")
        {
            gold,
            seeds,
            format,
        };
        command.SetAction(result => Run(result.GetValue(gold)!, result.GetValue(seeds), result.GetValue(format)!));
        return command;
    }

    private static int Run(string goldFolder, string? seedsFolder, string format)
    {
        if (!Directory.Exists(goldFolder))
        {
            return CommandLine.Fail($"{goldFolder}: no such folder");
        }

        if (seedsFolder is not null && !Directory.Exists(seedsFolder))
        {
            return CommandLine.Fail($"{seedsFolder}: no such folder");
        }

        var documents = new List<DocumentScore>();
        var failures = 0;
        foreach (var path in Directory.EnumerateFiles(goldFolder, "*.json").Order(StringComparer.Ordinal))
        {
            var json = InputFile.ReadText(path, out var error);
            FigureGoldFile? facts;
            try
            {
                facts = json is null ? null : FigureGoldFile.Parse(json);
            }
            catch (JsonException e)
            {
                error = $"{path}: not JSON: {e.Message}";
                facts = null;
            }

            if (facts is null)
            {
                // queries.json and other non-seed files in the gold folder are not errors.
                if (error is not null)
                {
                    Console.Error.WriteLine($"qaingest: {error}");
                    failures++;
                }

                continue;
            }

            var seed = FindSeed(facts.File, goldFolder, seedsFolder);
            var text = seed is null ? null : InputFile.ReadText(seed, out error);
            if (text is null)
            {
                Console.Error.WriteLine($"qaingest: {facts.File}: {error ?? "seed not found (use --seeds)"}");
                failures++;
                continue;
            }

            var parsed = QuestionParser.Parse(text);
            if (!parsed.Success)
            {
                Console.Error.WriteLine($"qaingest: {seed}: {parsed.Error}");
                failures++;
                continue;
            }

            var extraction = FigureExtractor.Extract(parsed.Value);
            documents.Add(new DocumentScore(facts.File, FigureEvaluation.Evaluate(extraction.Figures, facts.Figures)));
        }

        if (documents.Count == 0)
        {
            return CommandLine.Fail($"{goldFolder}: no gold files for readable seeds");
        }

        var total = FigureScores.Combine(documents.Select(d => d.Scores));
        Console.Out.Write(format == "json" ? Json.Serialize(JsonReport(documents, total)) + "\n" : TextReport(documents, total));
        return failures == 0 ? CommandLine.Ok : PartialFailure;
    }

    private static string? FindSeed(string file, string goldFolder, string? seedsFolder)
    {
        if (Path.GetFileName(file) != file)
        {
            // A gold file names a seed, never a path elsewhere.
            return null;
        }

        if (seedsFolder is not null)
        {
            var given = Path.Combine(seedsFolder, file);
            return File.Exists(given) ? given : null;
        }

        var candidates = new List<string>();
        for (var dir = new DirectoryInfo(Path.GetFullPath(goldFolder)); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "seeds", file));
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "seeds", file));
        }

        return candidates.FirstOrDefault(File.Exists);
    }

    private static string TextReport(List<DocumentScore> documents, FigureScores total)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{"kind",-11} {"found",6} {"gold",6} {"matched",8} {"precision",10} {"recall",7}");
        foreach (var kind in total.Kinds)
        {
            var note = kind.Kind == FigureKind.Count ? "  (gold counts are partial: precision is a lower bound)" : "";
            text.AppendLine(invariant, $"{Name(kind.Kind),-11} {kind.Found,6} {kind.Expected,6} {kind.Matched,8} {kind.Precision,10:0.000} {kind.Recall,7:0.000}{note}");
        }

        foreach (var document in documents)
        {
            var missed = document.Scores.Missed.Where(m => m.Kind != FigureKind.Count).ToList();
            var unexpected = document.Scores.Unexpected.Where(f => f.Kind != FigureKind.Count).ToList();
            if (missed.Count + unexpected.Count == 0)
            {
                continue;
            }

            text.AppendLine(invariant, $"{document.File}:");
            foreach (var m in missed)
            {
                text.AppendLine(invariant, $"  missed      {Name(m.Kind)} {m.Value.ToString(invariant)} at {m.Location} ({m.Text})");
            }

            foreach (var f in unexpected)
            {
                text.AppendLine(invariant, $"  not in gold {Name(f.Kind)} {f.Value.ToString(invariant)} at {f.Location} ({f.Text})");
            }
        }

        return text.ToString();
    }

    private static object JsonReport(List<DocumentScore> documents, FigureScores total) => new
    {
        Kinds = total.Kinds.Select(Row),
        Documents = documents.Select(d => new
        {
            d.File,
            Kinds = d.Scores.Kinds.Select(Row),
            Missed = d.Scores.Missed.Select(m => new { Kind = Name(m.Kind), m.Value, Where = m.Location.ToString(), m.Text }),
            Unexpected = d.Scores.Unexpected.Select(f => new { Kind = Name(f.Kind), f.Value, Where = f.Location.ToString(), f.Text }),
        }),
    };

    private static object Row(KindScore k) => new
    {
        Kind = Name(k.Kind),
        k.Found,
        Gold = k.Expected,
        k.Matched,
        Precision = Math.Round(k.Precision, 4),
        Recall = Math.Round(k.Recall, 4),
    };

    private static string Name(FigureKind kind) => FigureEvaluation.ScoredAs(kind).ToString().ToLowerInvariant();

    private sealed record DocumentScore(string File, FigureScores Scores);
}
