using System.Text;
using QaIngest.Parse;

namespace QaIngest.Cli.Output;

/// <summary>A readable outline of a parsed written question, for people at a terminal.</summary>
public static class TextOutline
{
    private const int Preview = 100;

    public static string Render(WrittenQuestion q)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Written question {(q.Number is { } n ? $"nr. {n}" : "(no number)")}{(q.Date is { } d ? $" of {d:yyyy-MM-dd}" : "")}");
        Line(sb, "asker", q.Asker);
        Line(sb, "minister", q.Minister is null ? null : $"{q.Minister}{(q.MinisterTitle is null ? "" : $", {q.MinisterTitle}")}");
        Line(sb, "title", q.Title);
        Line(sb, "preamble", Short(q.Preamble));
        sb.AppendLine($"questions ({q.Questions.Length}):");
        foreach (var item in q.Questions)
        {
            sb.AppendLine($"  {item.Number}. {Short(item.Text)}");
            foreach (var part in item.Parts)
            {
                sb.AppendLine($"     {part.Label}) {Short(part.Text)}");
            }
        }

        if (q.AnswerHeader is { } h)
        {
            sb.AppendLine($"answer to nr. {h.Number} of {h.Date:yyyy-MM-dd} from {h.Asker}");
        }

        Line(sb, "answer preamble", Short(q.AnswerPreamble));
        sb.AppendLine($"answer kind: {Kind(q.AnswerKind)}{(q.SupplementaryAnswer ? " (with a supplementary answer)" : "")}");
        sb.AppendLine($"answers ({q.Answers.Length}):");
        AppendAnswers(sb, q.Answers);
        if (q.SupplementaryAnswers.Length > 0)
        {
            sb.AppendLine($"supplementary answers ({q.SupplementaryAnswers.Length}):");
            AppendAnswers(sb, q.SupplementaryAnswers);
        }

        Line(sb, "annex text", Short(q.AnnexText));
        AppendRest(sb, q);
        return sb.ToString();
    }

    private static string Kind(AnswerKind kind) => kind == AnswerKind.SingleBlock ? "single-block" : kind.ToString().ToLowerInvariant();

    private static void AppendAnswers(StringBuilder sb, System.Collections.Immutable.ImmutableArray<AnswerItem> answers)
    {
        foreach (var item in answers)
        {
            var notes = new List<string>();
            if (item.Covers.Length > 1)
            {
                notes.Add($"covers {string.Join(", ", item.Covers)}");
            }

            if (item.SeeAnswer is { } see)
            {
                notes.Add($"see answer {see}");
            }

            notes.AddRange(item.AnnexReferences.Select(r => r.Sheet is null ? $"annex {r.Annex}" : $"annex {r.Annex} sheet {r.Sheet}"));
            sb.AppendLine($"  {item.Number}. {Short(item.Text)}{(notes.Count > 0 ? $"  [{string.Join("; ", notes)}]" : "")}");
            foreach (var part in item.Parts)
            {
                sb.AppendLine($"     {part.Label}) {Short(part.Text)}");
            }
        }
    }

    private static void AppendRest(StringBuilder sb, WrittenQuestion q)
    {
        foreach (var annex in q.Annexes)
        {
            sb.AppendLine($"annex: {annex.Title ?? "(untitled)"} {annex.Url}");
        }

        foreach (var reference in q.CrossReferences)
        {
            sb.AppendLine($"refers to written question nr. {reference.Number}{(reference.Date is { } rd ? $" of {rd:yyyy-MM-dd}" : "")} ({reference.Location})");
        }

        foreach (var minister in q.Ministers)
        {
            sb.AppendLine($"also sent to: {minister.Name} ({minister.Number})");
        }

        foreach (var url in q.Urls)
        {
            sb.AppendLine($"url: {url}");
        }
    }

    private static void Line(StringBuilder sb, string label, string? value)
    {
        if (value is not null)
        {
            sb.AppendLine($"{label}: {value}");
        }
    }

    private static string? Short(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var flat = text.Replace('\n', ' ');
        return flat.Length <= Preview ? flat : flat[..Preview] + "…";
    }
}
