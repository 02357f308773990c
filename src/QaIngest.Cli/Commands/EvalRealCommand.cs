using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using QaIngest.Cli.Output;
using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Cli.Commands;

/// <summary>
/// <c>qaingest eval real FOLDER</c>: parses every scraped written question of a folder like
/// <c>shared/real-texts</c> (the four scraper lines stripped, their <c>title:</c> kept as the truth)
/// and prints how much of the structure came out: header fields, the site's title, questions
/// numbered 1..n, answers that pair with the questions, warnings, and money figures that are a bare
/// year. <c>--list KIND</c> prints the files of one failure kind.
/// </summary>
public static partial class EvalRealCommand
{
    /// <summary>The failure kinds <c>--list</c> accepts (a warning code, e.g. <c>count-mismatch</c>, is accepted too).</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["error", "no-body", "not-a-question", "crash", "number", "date", "asker", "minister", "title", "questions", "paired", "warnings", "bare-year", "cross-line"];

    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Folder of scraped .txt files (title:, thema:, pdf link:, thema link: lines, then the text)." };
        var format = Options.Format();
        var limit = new Option<int?>("--limit") { Description = "Read only the first N files (in name order)." };
        var list = new Option<string?>("--list") { Description = "Print the files of one failure kind: " + string.Join(", ", Kinds) + ", or a warning code." };
        var command = new Command("real", "Parse scraped real written questions and measure how much of their structure comes out.")
        {
            folder,
            format,
            limit,
            list,
        };
        command.SetAction(r => Run(r.GetValue(folder)!, r.GetValue(format)!, r.GetValue(limit), r.GetValue(list)));
        return command;
    }

    private static int Run(string folder, string format, int? limit, string? list)
    {
        if (!Directory.Exists(folder))
        {
            return CommandLine.Fail($"{folder}: no such folder");
        }

        if (limit is < 1)
        {
            return CommandLine.Fail("--limit must be at least 1");
        }

        if (list is not null && !Kinds.Contains(list) && !WarningCode().IsMatch(list))
        {
            return CommandLine.Fail($"--list {list}: not a failure kind (one of {string.Join(", ", Kinds)}, or a warning code)");
        }

        var files = Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal).Take(limit ?? int.MaxValue).ToArray();
        if (files.Length == 0)
        {
            return CommandLine.Fail($"{folder}: no .txt files");
        }

        var watch = Stopwatch.StartNew();
        var verdicts = new ConcurrentBag<Verdict>();
        Parallel.ForEach(files, path => verdicts.Add(Judge(path)));
        var sorted = verdicts.OrderBy(v => v.File, StringComparer.Ordinal).ToList();
        var report = Summarise(sorted, watch.Elapsed);

        if (list is not null)
        {
            var hits = sorted.Where(v => v.Failures.Contains(list) || v.Warnings.Contains(list)).ToList();
            Console.Out.Write(format == "json"
                ? Json.Serialize(new { Kind = list, Files = hits.Select(v => new { v.File, Detail = v.Details.GetValueOrDefault(list) }) }) + "\n"
                : string.Concat(hits.Select(v => $"{v.File}\t{v.Details.GetValueOrDefault(list) ?? ""}\n")));
            return CommandLine.Ok;
        }

        Console.Out.Write(format == "json" ? Json.Serialize(report) + "\n" : TextReport(report));
        return CommandLine.Ok;
    }

    /// <summary>Reads, parses and scores one file. Never throws: a crash of the parser is a verdict.</summary>
    private static Verdict Judge(string path)
    {
        var file = Path.GetFileName(path);
        var raw = InputFile.ReadText(path, out var error);
        if (raw is null)
        {
            return Verdict.Of(file, "error", error ?? "cannot read");
        }

        var (metadata, body) = QaIngest.Pipeline.ScraperMetadata.Split(raw);
        var siteTitle = metadata?.Title;
        if (string.IsNullOrWhiteSpace(body))
        {
            return Verdict.Of(file, "no-body", "no text after the scraper lines");
        }

        var hasQuestionHeader = QuestionHeaderLine().IsMatch(body);
        var hasAnswerHeader = AnswerHeaderLine().IsMatch(body);
        if (!hasQuestionHeader && !hasAnswerHeader)
        {
            return Verdict.Of(file, "not-a-question", "neither a question nor an answer header");
        }

        WrittenQuestion question;
        FigureExtraction figures;
        try
        {
            var parsed = QuestionParser.Parse(body);
            if (!parsed.Success)
            {
                return Verdict.Of(file, "error", parsed.Error) with { IsQuestion = true };
            }

            question = parsed.Value;
            figures = FigureExtractor.Extract(question);
        }
        catch (Exception e)
        {
            // What eval real is for: a crash is counted and listed, the run goes on.
            return Verdict.Of(file, "crash", $"{e.GetType().Name}: {e.Message}") with { IsQuestion = true };
        }

        var failures = new HashSet<string>(StringComparer.Ordinal);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        void Fail(string kind, string? detail = null)
        {
            failures.Add(kind);
            if (detail is not null)
            {
                details[kind] = detail;
            }
        }

        if (question.Number is null)
        {
            Fail("number");
        }

        if (question.Date is null)
        {
            Fail("date");
        }

        if (question.Asker is null)
        {
            Fail("asker");
        }

        // Addressed to a minister: the text before the subject names one (an agency gets a VRAAG OM INFORMATIE).
        var toMinister = MinisterLine().IsMatch(string.Join('\n', body.Split('\n').Take(12)));
        if (toMinister && question.Minister is null)
        {
            Fail("minister");
        }

        var titleOk = siteTitle is not null && question.Title is not null && NormaliseTitle(siteTitle) == NormaliseTitle(question.Title);
        if (siteTitle is not null && !titleOk)
        {
            Fail("title", $"parsed «{question.Title}» site «{siteTitle}»");
        }

        var numbers = question.Questions.Select(q => q.Number).ToList();
        if (hasQuestionHeader && (numbers.Count == 0 || !numbers.SequenceEqual(Enumerable.Range(1, numbers.Count))))
        {
            Fail("questions", $"[{string.Join(',', numbers)}]");
        }

        // Pairing is measured where the document has an answer to pair; a deferral has none.
        var pairable = hasQuestionHeader && hasAnswerHeader && question.AnswerKind != AnswerKind.Deferral;
        if (pairable && !Paired(question, out var pairing))
        {
            Fail("paired", pairing);
        }

        var bareYears = figures.Figures.Where(IsBareYear).ToList();
        if (bareYears.Count > 0)
        {
            Fail("bare-year", string.Join("; ", bareYears.Select(f => $"{f.Value.ToString(CultureInfo.InvariantCulture)} «{f.Text}» at {f.Location}")));
        }

        var crossLine = figures.Figures.Where(f => CrossesLine(f, body)).ToList();
        if (crossLine.Count > 0)
        {
            Fail("cross-line", string.Join("; ", crossLine.Select(f => $"«{f.Text}» at {f.Location}{(f.Row is { Length: > 0 } row ? $" row '{row}'" : "")}")));
        }

        var warnings = question.Warnings.Select(w => w.Code).ToList();
        if (warnings.Count > 0)
        {
            Fail("warnings", string.Join("; ", question.Warnings.Select(w => $"{w.Code}: {w.Message}")));
        }

        foreach (var w in question.Warnings)
        {
            details.TryAdd(w.Code, w.Message);
        }

        return new Verdict(file, true, hasQuestionHeader, toMinister, failures, details, warnings, bareYears.Count, question.Answers.Length)
        {
            CrossLine = crossLine.Count,
            Pairable = pairable,
            AnswerKind = KindName(question.AnswerKind),
        };
    }

    /// <summary>
    /// The strict reading: there is an answer, every answer label (with what a combined label
    /// covers) is a question number, and every question is answered or covered.
    /// </summary>
    private static bool Paired(WrittenQuestion question, out string detail)
    {
        var questions = question.Questions.Select(q => q.Number).ToHashSet();
        var covered = question.AnswerKind == AnswerKind.SingleBlock ? questions : question.Answers.SelectMany(Covered).ToHashSet();
        detail = $"{KindName(question.AnswerKind)}: questions [{string.Join(',', questions.Order())}] answers [{string.Join(',', question.Answers.Select(a => string.Join('+', Covered(a))))}]";
        return questions.Count > 0 && covered.Count > 0 && covered.SetEquals(questions);
    }

    private static IEnumerable<int> Covered(AnswerItem answer) => answer.Covers.IsDefaultOrEmpty ? [answer.Number] : answer.Covers;

    private static string KindName(AnswerKind kind) => kind switch
    {
        AnswerKind.SingleBlock => "single-block",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A money figure whose number is a year written bare (4 digits, no separator): "2020 €" in a flattened table.</summary>
    private static bool IsBareYear(Figure figure) =>
        figure.IsMoney && figure.Value is >= 1900 and <= 2100 && figure.Value == decimal.Truncate(figure.Value)
        && BareYear().Match(figure.Text) is { Success: true } m && m.Value == figure.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A count whose noun is a capitalised word opening the next line after its number ends a line
    /// ("West-Vlaanderen 2 3 5" + "Limburg 1 0 1" read as "5 Limburg"): a flattened table's next row
    /// label, not what the number counts. A noun in lower case on the next line is a wrapped sentence.
    /// </summary>
    private static bool CrossesLine(Figure figure, string body)
    {
        if (figure.Kind != FigureKind.Count || CountWithNoun().Match(figure.Text) is not { Success: true } m)
        {
            return false;
        }

        // The number ends its line (after a space or at the line's start) and the noun opens the next.
        var pattern = $@"(?<![^\s]){Regex.Escape(m.Groups[1].Value)}[ \t]*\r?\n[ \t]*{Regex.Escape(m.Groups[2].Value)}(?![\p{{L}}])";
        return Regex.IsMatch(body, pattern, RegexOptions.CultureInvariant);
    }

    /// <summary>Spaces, dashes and quotes normalised: "A  -  B ‘C’" and "A – B 'C'" are the same title.</summary>
    private static string NormaliseTitle(string title)
    {
        var dashes = title.Replace('–', '-').Replace('—', '-').Replace('‐', '-').Replace('‑', '-')
            .Replace('‘', '\'').Replace('’', '\'').Replace('“', '"').Replace('”', '"');
        return SpacedDash().Replace(Spaces().Replace(dashes, " "), "-").Trim();
    }

    private static Report Summarise(List<Verdict> verdicts, TimeSpan elapsed)
    {
        var questions = verdicts.Where(v => v.IsQuestion).ToList();
        var parsed = questions.Where(v => v.Parsed).ToList();
        var withHeader = parsed.Where(v => v.HasQuestionHeader).ToList();
        var toMinister = parsed.Where(v => v.ToMinister).ToList();
        Rate Count(IReadOnlyCollection<Verdict> among, string kind) => new(among.Count(v => !v.Failures.Contains(kind)), among.Count);
        return new Report(
            Files: verdicts.Count,
            NoBody: verdicts.Count(v => v.Failures.Contains("no-body")),
            NotAQuestion: verdicts.Count(v => v.Failures.Contains("not-a-question")),
            WrittenQuestions: questions.Count,
            Parsed: new Rate(parsed.Count, questions.Count),
            Crashes: questions.Count(v => v.Failures.Contains("crash")),
            Number: Count(parsed, "number"),
            Date: Count(parsed, "date"),
            Asker: Count(parsed, "asker"),
            Minister: Count(toMinister, "minister"),
            Title: Count(parsed, "title"),
            QuestionsNumbered: Count(withHeader, "questions"),
            AnswersPaired: Count(parsed.Where(v => v.Pairable).ToList(), "paired"),
            AnswerKinds: parsed.Where(v => v.AnswerKind is not null).GroupBy(v => v.AnswerKind!).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            WithoutWarnings: Count(parsed, "warnings"),
            Warnings: parsed.SelectMany(v => v.Warnings).GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            BareYearMoney: parsed.Sum(v => v.BareYears),
            CrossLineCounts: parsed.Sum(v => v.CrossLine),
            Seconds: Math.Round(elapsed.TotalSeconds, 2));
    }

    private static string TextReport(Report r)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{r.Files:N0} files: {r.WrittenQuestions:N0} written questions, {r.NoBody} without a body (errors), {r.NotAQuestion} not a written question; {r.Seconds} s");
        void Line(string name, Rate rate, string note = "") =>
            text.AppendLine(invariant, $"  {name,-26} {rate.Found,5:N0} / {rate.Of,5:N0}  {rate.Percent,6:0.0}%{note}");
        Line("parsed", r.Parsed, r.Crashes > 0 ? $"  ({r.Crashes} crashed)" : "");
        Line("number found", r.Number);
        Line("date found", r.Date);
        Line("asker found", r.Asker);
        Line("minister found", r.Minister, "  (of those addressed to a minister)");
        Line("title = site's title", r.Title);
        Line("questions numbered 1..n", r.QuestionsNumbered, "  (of those with a question header)");
        Line("answers paired", r.AnswersPaired, "  (strict: labels are question numbers, every question covered; of those with questions and an answer, deferrals apart)");
        text.AppendLine(invariant, $"  answer kinds: {string.Join(", ", r.AnswerKinds.Select(k => $"{k.Key} {k.Value}"))}");
        Line("without warnings", r.WithoutWarnings);
        text.AppendLine(invariant, $"  warnings: {(r.Warnings.Count == 0 ? "none" : string.Join(", ", r.Warnings.Select(w => $"{w.Key} {w.Value}")))}");
        text.AppendLine(invariant, $"  money figures that are a bare year: {r.BareYearMoney}");
        text.AppendLine(invariant, $"  counts of a capitalised word on the next line (a table's next row label): {r.CrossLineCounts}");
        return text.ToString();
    }

    /// <summary>One file's outcome: the failure kinds it shows, with a detail line for some.</summary>
    private sealed record Verdict(
        string File,
        bool Parsed,
        bool HasQuestionHeader,
        bool ToMinister,
        IReadOnlySet<string> Failures,
        IReadOnlyDictionary<string, string> Details,
        IReadOnlyList<string> Warnings,
        int BareYears,
        int Answers)
    {
        public bool IsQuestion { get; init; } = true;

        public bool Pairable { get; init; }

        public string? AnswerKind { get; init; }

        public int CrossLine { get; init; }

        public static Verdict Of(string file, string kind, string? detail) =>
            new(file, false, false, false, new HashSet<string> { kind }, detail is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [kind] = detail }, [], 0, 0)
            {
                IsQuestion = kind is not ("no-body" or "not-a-question"),
            };
    }

    private sealed record Rate(int Found, int Of)
    {
        public double Percent => Of == 0 ? 100 : Math.Round(100.0 * Found / Of, 1);
    }

    private sealed record Report(
        int Files,
        int NoBody,
        int NotAQuestion,
        int WrittenQuestions,
        Rate Parsed,
        int Crashes,
        Rate Number,
        Rate Date,
        Rate Asker,
        Rate Minister,
        Rate Title,
        Rate QuestionsNumbered,
        Rate AnswersPaired,
        IReadOnlyDictionary<string, int> AnswerKinds,
        Rate WithoutWarnings,
        IReadOnlyDictionary<string, int> Warnings,
        int BareYearMoney,
        int CrossLineCounts,
        double Seconds);

    [GeneratedRegex(@"^\W{0,3}S?C?HRIFTELIJKE\s+VRAAG|^\W{0,3}VRAAG\s+OM\s+INFORMATIE", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionHeaderLine();

    [GeneratedRegex(@"^\s*(?:\S+\s+)?ANTWOORD\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerHeaderLine();

    [GeneratedRegex(@"MINISTER", RegexOptions.CultureInvariant)]
    private static partial Regex MinisterLine();

    [GeneratedRegex(@"(?<![\d.,])\d{4}(?![\d.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex BareYear();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    // "5 Limburg", "1.234 Oost-Vlaanderen": the number as written, then the first word, capitalised.
    [GeneratedRegex(@"^(\d[\d.,]*)\s+(\p{Lu}[\p{L}'’-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex CountWithNoun();

    [GeneratedRegex(@"\s*-\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedDash();

    [GeneratedRegex(@"^[a-z]+(?:-[a-z]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex WarningCode();
}
