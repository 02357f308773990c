namespace QaIngest.Web.Pages;

/// <summary>The stylesheet and the one small script, compiled in (no route serves a file from disk).</summary>
internal static class StaticAssets
{
    public const string Css = """
        :root { --ink: #1d1d1b; --muted: #5b5b57; --accent: #00557f; --mark: #ffe08a; --line: #d9d6cf; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fbfaf7; }
        header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; padding: .6rem 1.2rem; background: var(--accent); }
        header.top a { color: #fff; text-decoration: none; } header.top nav { display: flex; gap: 1rem; flex-wrap: wrap; }
        .brand { font-weight: 700; font-size: 1.1rem; margin-right: 1rem; }
        main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
        h1 { font-size: 1.6rem; margin: .4rem 0 1rem; }
        form.search input[type=search] { width: min(36rem, 100%); font-size: 1.1rem; padding: .35rem .5rem; }
        form.search button { font-size: 1.05rem; padding: .35rem .9rem; }
        form.search label { font-weight: 600; } .options input { width: 10rem; }
        details.help { margin: .3rem 0 .6rem; color: var(--muted); } details.help ul { margin: .3rem 0; }
        .active-filters { list-style: none; padding: 0; display: flex; gap: .5rem; flex-wrap: wrap; }
        .active-filters li { background: #e6eef3; border-radius: 1rem; padding: .1rem .7rem; }
        .results { display: grid; grid-template-columns: 15rem 1fr; gap: 1.5rem; }
        @media (max-width: 800px) { .results { grid-template-columns: 1fr; } }
        .facet h2 { font-size: 1rem; margin: .8rem 0 .2rem; } .facet ul { list-style: none; margin: 0; padding: 0; font-size: .92rem; }
        .facet .count, .total, .meta { color: var(--muted); } .facet .chosen { font-weight: 700; }
        ol.hits { padding-left: 1.6rem; } .hit { margin-bottom: 1.4rem; border-bottom: 1px solid var(--line); padding-bottom: .8rem; }
        .hit-title { font-size: 1.02rem; margin: 0 0 .3rem; }
        .pair, .qa-row, .qa-head { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
        @media (max-width: 800px) { .pair, .qa-row, .qa-head { grid-template-columns: 1fr; } }
        .asked { color: var(--muted); border-left: 3px solid var(--line); padding-left: .8rem; font-size: .93rem; } .asked h4 { margin: 0; }
        mark { background: var(--mark); padding: 0 .1rem; }
        ul.figures { list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-wrap: wrap; gap: .4rem; }
        .figure { background: #eef5ea; border: 1px solid #cfe3c6; border-radius: .3rem; padding: .05rem .5rem; font-size: .9rem; }
        .figure-money data, .figure-rate data { font-weight: 700; } .figure q { color: var(--muted); }
        .qa-row { border-top: 1px solid var(--line); padding: .6rem 0; } .qa-row h3, .answer-item h3 { font-size: 1rem; margin: 0; }
        .problem { border: 2px solid #b3261e; background: #fdecea; padding: .5rem 1rem; margin: 1rem 0; }
        table.amounts { border-collapse: collapse; width: 100%; } table.amounts td, table.amounts th { border-bottom: 1px solid var(--line); padding: .4rem; vertical-align: top; text-align: left; }
        .table-wrap { overflow-x: auto; margin: .6rem 0; } table.data { border-collapse: collapse; font-size: .88rem; }
        table.data caption { text-align: left; font-weight: 700; padding: .2rem 0; } table.data th, table.data td { border: 1px solid var(--line); padding: .2rem .4rem; }
        table.data td { text-align: right; white-space: nowrap; } table.data th[scope=row] { text-align: left; font-weight: 400; } table.data tr.total { font-weight: 700; }
        .table-note { color: var(--muted); font-size: .8rem; margin: .1rem 0; }
        td.value { white-space: nowrap; font-weight: 700; } .sentence { color: var(--muted); margin: .2rem 0 0; font-size: .9rem; }
        figure.chart svg { width: 100%; max-width: 760px; height: auto; background: #fff; border: 1px solid var(--line); }
        svg .bar rect { fill: var(--accent); } svg text { font-size: 12px; fill: var(--ink); } svg .axis { stroke: var(--ink); }
        footer { color: var(--muted); text-align: center; font-size: .85rem; }
        """;

    /// <summary>Progressive: the page works without it; with it, a new order applies at once.</summary>
    public const string Script = """
        document.querySelectorAll('select.autosubmit').forEach(function (s) {
          s.addEventListener('change', function () { s.form.submit(); });
        });
        """;
}
