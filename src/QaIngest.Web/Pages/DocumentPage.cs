namespace QaIngest.Web.Pages;

/// <summary>A written question on one page: its header, each question beside its answer, figures, the annexes and other questions it links to.</summary>
internal static class DocumentPage
{
    public static string Render(Language l, DocumentView d)
    {
        var references = d.References.Where(r => r.Key is not null).ToDictionary(r => r.Number, r => r.Key!);
        var header = new List<Html>();
        if (d.Number is { } number)
        {
            header.Add(Html.Of($"<span class=\"number\">{l.T("nr")} {number}</span>"));
        }

        if (d.Date is { } date)
        {
            header.Add(Html.Of($"<time datetime=\"{date:yyyy-MM-dd}\">{l.Date(date)}</time>"));
        }

        if (d.Asker is not null)
        {
            header.Add(Html.Of($"<span class=\"asker\">{l.T("by")} {d.Asker}</span>"));
        }

        if (d.Minister is not null)
        {
            header.Add(Html.Of($"<span class=\"minister\">{l.T("to")} {d.Minister}{(d.MinisterTitle is null ? "" : ", " + d.MinisterTitle)}</span>"));
        }

        var parliament = d.ParliamentUrl is { } url
            ? Html.Of($"<p><a class=\"parliament\" href=\"{url}\" rel=\"noopener noreferrer\">{l.T("parliament")}</a></p>")
            : Html.Of($"<p class=\"source\">{d.Source}</p>");
        var sections = new List<Html>();
        foreach (var item in d.Items.Where(i => i.Section == "preamble"))
        {
            sections.Add(Html.Of($"<section class=\"preamble\"><h2>{l.T("section.preamble")}</h2>{TextMarkup.Paragraphs(l, item.Text, references)}{TextMarkup.Figures(l, item.Figures)}{Tables(l, d, item)}</section>"));
        }

        var answers = d.Items.Where(i => i.Section == "answer").ToList();
        var rows = new List<Html>();
        foreach (var question in d.Items.Where(i => i.Section == "question"))
        {
            var answered = answers.Where(a => a.Question == question.Number && question.Number is not null).ToList();
            rows.Add(Html.Of($"""
                <div class="qa-row" id="q{question.Number}">
                <div class="question"><h3>{l.T("section.question")} {question.Number}</h3>{TextMarkup.Paragraphs(l, question.Text, references)}{Tables(l, d, question)}</div>
                <div class="answer">{(answered.Count == 0 ? Html.Of($"<p class=\"no-answer\">{l.T("no.answer")}</p>") : Html.Join(answered.Select(a => Answer(l, d, a, references))))}</div>
                </div>
                """));
        }

        var preamble = d.Items.Where(i => i.Section == "answerPreamble").Select(i => Html.Of($"<section class=\"answer-preamble\"><h2>{l.T("section.answerPreamble")}</h2>{TextMarkup.Paragraphs(l, i.Text, references)}{TextMarkup.Figures(l, i.Figures)}{Tables(l, d, i)}</section>"));

        // Answers that answer no numbered question (one answer to every question, a supplement) stand apart.
        var questionNumbers = d.Items.Where(i => i.Section == "question").Select(i => i.Number).ToHashSet();
        var loose = answers.Where(a => a.Question is null || !questionNumbers.Contains(a.Question)).Select(a => Answer(l, d, a, references)).ToList();
        var referenceList = d.References.IsDefaultOrEmpty
            ? Html.Empty
            : Html.Of($"<section class=\"references\"><h2>{l.T("references")}</h2><ul>{d.References.Select(r => r.Key is { } key ? Html.Of($"<li><a href=\"{Layout.DocumentLink(l, key)}\">{l.T("nr")} {r.Number}</a></li>") : Html.Of($"<li><a href=\"{Layout.Link(l, "/", "q", $"number:{r.Number}")}\">{l.T("nr")} {r.Number}</a></li>"))}</ul></section>");
        // The sheets of the annexes (XLSX), each with its heading, after the questions and answers.
        var sheets = d.Tables.Where(t => t.Section == "annexes").ToList();
        var annexList = d.Annexes.IsDefaultOrEmpty
            ? Html.Empty
            : Html.Of($"<ol class=\"annex-list\">{d.Annexes.Select(a => Html.Of($"<li><a href=\"{a.Url}\" rel=\"noopener noreferrer nofollow\">{a.Title ?? a.Url}</a></li>"))}</ol>");
        var annexes = sheets.Count == 0 && d.Annexes.IsDefaultOrEmpty
            ? Html.Empty
            : Html.Of($"<section class=\"annexes\"><h2>{l.T("tables.annexes")}</h2>{annexList}{sheets.Select(t => Html.Of($"<section class=\"annex-sheet\"><h3>{TableMarkup.SheetTitle(l, t)}</h3>{TableMarkup.Render(l, t)}</section>"))}</section>");
        var main = Html.Of($"""
            <article class="document">
            <header class="document-header">
            <p class="kind">{l.T("site")}</p>
            <h1 id="title">{d.Title ?? d.Key}</h1>
            <p class="meta">{Html.Join(header.SelectMany((h, i) => i == 0 ? [h] : new[] { Html.Trusted(" · "), h }))}</p>
            {parliament}
            </header>
            {sections}
            {preamble}
            <section class="qa" aria-label="{l.T("questions")} / {l.T("answers")}">
            <div class="qa-head"><h2>{l.T("questions")}</h2><h2>{l.T("answers")}</h2></div>
            {rows}
            </section>
            {(loose.Count == 0 ? Html.Empty : Html.Of($"<section class=\"loose-answers\"><h2>{l.T("answers")}</h2>{loose}</section>"))}
            {annexes}
            {referenceList}
            </article>
            """);
        return Layout.Page(l, d.Title ?? d.Key, "/document", [new("key", d.Key)], main);
    }

    private static Html Answer(Language l, DocumentView d, ItemView a, IReadOnlyDictionary<int, string> references) =>
        Html.Of($"<div class=\"answer-item\" id=\"a{a.Number}\"><h3>{l.T("section.answer")} {a.Number}</h3>{TextMarkup.Paragraphs(l, a.Text, references)}{Tables(l, d, a)}{TextMarkup.Figures(l, a.Figures)}</div>");

    /// <summary>The tables that stand in an item, after its text.</summary>
    private static Html Tables(Language l, DocumentView d, ItemView item) =>
        Html.Join(d.Tables.Where(t => t.Section == item.Section && t.Number == item.Number).Select(t => TableMarkup.Render(l, t)));
}
