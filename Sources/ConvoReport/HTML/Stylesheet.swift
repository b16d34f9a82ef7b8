/// The page's only stylesheet, inlined: system fonts, no external assets, and colours that keep
/// at least 4.5:1 contrast for text. Printing keeps the chart colours and avoids splitting an
/// intent's section across pages. (No `<` or `&` in here: the page must stay well-formed XML.)
enum Stylesheet {
    static let css = """
        :root {
          --text: #1f2328; --muted: #57606a; --faint: #8c959f; --line: #d8dee4; --soft: #f6f8fa;
          --accent: #2f6fde; --accent-light: #b6cdf5; --after: #1f8a5b; --merge: #c0392b; --share: #7c3aed;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; color: var(--text); background: #ffffff;
          font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
        }
        main { max-width: 1180px; margin: 0 auto; padding: 36px 32px 64px; }
        a { color: var(--accent); }
        code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
        h1, h2, h3 { line-height: 1.25; }
        header.page { border-bottom: 1px solid var(--line); padding-bottom: 24px; }
        .eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; font-weight: 650; color: var(--muted); margin: 0; }
        h1 { font-size: 30px; margin: 4px 0 4px; letter-spacing: -0.01em; }
        .period { color: var(--muted); margin: 0; }
        .cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin-top: 22px; }
        .card { border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; background: var(--soft); }
        .figure { display: block; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.2; }
        .caption { display: block; color: var(--muted); font-size: 13px; }
        h2 { font-size: 21px; margin: 44px 0 4px; }
        .lede { color: var(--muted); margin: 0 0 16px; max-width: 860px; }
        .weights { font-size: 13px; color: var(--muted); margin: -8px 0 16px; }
        .footnote { font-size: 13px; color: var(--muted); margin: 10px 0 0; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        .table-wrap { overflow-x: auto; }
        table.ranking { min-width: 900px; }
        th {
          text-align: left; font-size: 11.5px; font-weight: 650; color: var(--muted); text-transform: uppercase;
          letter-spacing: 0.04em; padding: 8px 10px; border-bottom: 2px solid var(--line); white-space: nowrap; vertical-align: bottom;
        }
        td { padding: 9px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.rank { color: var(--muted); font-weight: 650; width: 2.5em; }
        .intent-link { color: var(--text); font-weight: 600; text-decoration: none; }
        .intent-link:hover { color: var(--accent); text-decoration: underline; }
        .id { display: block; color: var(--muted); font-size: 12px; }
        .touches { display: block; color: var(--muted); font-size: 12px; margin-top: 2px; overflow-wrap: anywhere; }
        .touches code { font-size: 11.5px; margin-right: 8px; }
        .badge-stack { display: flex; flex-direction: column; align-items: flex-start; gap: 4px; }
        td.num .caption { font-size: 12px; }
        td.priority { font-weight: 700; }
        .estimated { color: var(--muted); font-weight: 400; }
        .unmeasured { color: var(--faint); }
        .badge {
          display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600;
          white-space: nowrap; line-height: 1.6;
        }
        .kind-bug-report { background: #fde7e7; color: #a11d1d; }
        .kind-feature-request { background: #e2ecfd; color: #1d4fa6; }
        .kind-churn-risk { background: #f1e6fd; color: #6b2bb8; }
        .kind-setup-friction { background: #fdf0d8; color: #8a4b00; }
        .kind-pricing-confusion { background: #dcf5ef; color: #0d6b57; }
        .kind-other { background: #eceff2; color: #4b535c; }
        .status-open { background: #e2ecfd; color: #1d4fa6; }
        .status-proposed { background: #fdf0d8; color: #8a4b00; }
        .status-merged { background: #f1e6fd; color: #6b2bb8; }
        .status-resolved { background: #dff3e6; color: #1a6b3c; }
        .status-reopened { background: #fde7e7; color: #a11d1d; }
        .verdict-dropped { background: #dff3e6; color: #1a6b3c; }
        .verdict-not-dropped { background: #fde7e7; color: #a11d1d; }
        .verdict-too-early { background: #eceff2; color: #4b535c; }
        svg text { font-family: inherit; }
        .bar { fill: var(--accent); }
        .bar.after { fill: var(--after); }
        .grid { stroke: #e8ecf0; stroke-width: 1; }
        .axis { stroke: var(--faint); stroke-width: 1; }
        .tick { font-size: 11px; fill: var(--muted); }
        .week { font-size: 11px; font-weight: 600; fill: var(--text); }
        .week-date { font-size: 10px; fill: var(--muted); }
        .value { font-size: 10.5px; fill: var(--muted); }
        .value.inside { fill: #ffffff; font-weight: 600; stroke: var(--accent); stroke-width: 3px; paint-order: stroke; }
        .value.inside.after { stroke: var(--after); }
        .empty-note { font-size: 13px; fill: var(--muted); }
        .merge-line { stroke: var(--merge); stroke-width: 2; stroke-dasharray: 5 4; }
        .merge-label { font-size: 12px; font-weight: 650; fill: var(--merge); }
        .share-line { fill: none; stroke: var(--share); stroke-width: 2; }
        .share-dot { fill: #ffffff; stroke: var(--share); stroke-width: 2; }
        .share-tick { fill: var(--share); }
        .spark { display: block; }
        .spark .merge-line { stroke-width: 1.5; stroke-dasharray: 2 2; }
        .meter { display: block; width: 100%; min-width: 60px; height: 12px; margin-top: 4px; }
        td.meter-cell { width: 38%; }
        .meter .track { fill: #edf0f3; }
        .meter .fill { fill: var(--accent); }
        .meter .fill.light { fill: var(--accent-light); }
        .meter.kind-bug-report .fill { fill: #d9534f; }
        .meter.kind-feature-request .fill { fill: #3f7be0; }
        .meter.kind-churn-risk .fill { fill: #9157d6; }
        .meter.kind-setup-friction .fill { fill: #e0922f; }
        .meter.kind-pricing-confusion .fill { fill: #27a086; }
        .meter.kind-other .fill { fill: #8c959f; }
        .breakdowns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 32px; }
        .breakdowns h3 { font-size: 16px; margin: 20px 0 8px; }
        section.intent { border: 1px solid var(--line); border-radius: 12px; padding: 22px 24px 18px; margin: 20px 0; break-inside: avoid; }
        .intent-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 12px; }
        .intent-head h3 { font-size: 19px; margin: 0; }
        .rank-number { font-size: 15px; font-weight: 700; color: var(--muted); }
        .facts { color: var(--muted); font-size: 13px; margin: 6px 0 0; }
        .summary { margin: 12px 0 0; max-width: 900px; white-space: pre-line; }
        .factors { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 10px; margin: 16px 0 18px; }
        .factor { background: var(--soft); border-radius: 8px; padding: 8px 12px; }
        .factor .figure { font-size: 19px; }
        .factor.total { background: #e9f0fc; }
        .chart { display: block; width: 100%; height: auto; max-width: 860px; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; color: var(--muted); margin: 4px 0 0; }
        .key { display: inline-block; width: 12px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
        .key-bar { background: var(--accent); }
        .key-after { background: var(--after); }
        .key-share { height: 0; border-top: 2px solid var(--share); border-radius: 0; vertical-align: 3px; }
        .key-merge { width: 0; height: 12px; border-left: 2px dashed var(--merge); border-radius: 0; margin-left: 4px; }
        .verdict { margin: 14px 0 0; font-size: 14px; }
        .columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 28px; margin-top: 18px; }
        .columns h4 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 0 0 8px; }
        ul.quotes { list-style: none; margin: 0; padding: 0; }
        ul.quotes li { white-space: pre-line; overflow-wrap: anywhere; margin: 0 0 8px; padding: 7px 12px; background: var(--soft); border-left: 3px solid var(--accent-light); border-radius: 0 6px 6px 0; }
        ul.samples { list-style: none; margin: 0; padding: 0; }
        ul.samples li { margin: 0 0 8px; }
        ul.samples .quote { display: block; color: var(--text); overflow-wrap: anywhere; }
        .keywords { margin: 12px 0 0; font-size: 13px; color: var(--muted); }
        .none { color: var(--faint); font-style: italic; }
        .back { display: inline-block; margin-top: 12px; font-size: 13px; }
        .empty { border: 2px dashed var(--line); border-radius: 12px; padding: 28px 32px; margin-top: 28px; }
        .empty h2 { margin-top: 0; }
        .empty ol { margin: 8px 0 0; padding-left: 22px; }
        .empty li { margin: 4px 0; }
        .empty .aside { color: var(--muted); margin: 14px 0 0; }
        footer { margin-top: 48px; padding-top: 16px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
        @media (max-width: 820px) {
          main { padding: 24px 16px 48px; }
          .cards, .factors { grid-template-columns: repeat(2, minmax(0, 1fr)); }
          .breakdowns, .columns { grid-template-columns: minmax(0, 1fr); }
          .hide-narrow { display: none; }
        }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          .table-wrap { overflow: visible; }
          table.ranking { min-width: 0; }
          a { color: inherit; text-decoration: none; }
          .back { display: none; }
          section.intent, tr { break-inside: avoid; }
          h2 { break-after: avoid; }
        }
        """
}
