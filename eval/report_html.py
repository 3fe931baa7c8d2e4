"""report.html: the report dict (eval.report_data) as one self-contained page.

No scripts, no external URLs: CSS is inline and the charts are inline SVG, so
the file opens offline, can be mailed, and a browser makes no request for it.
Every piece of document text goes through `escape`, so a paragraph holding
markup shows as text.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from html import escape

from . import charts
from .report_data import COMPARISON_METHOD, DIRECTIONS, FINDING_KINDS, NO_COMPARISON, STATUSES, against, verdict

CSS = """
:root { --ok: #2e7d32; --warn: #a86b00; --error: #c62828; --line: #d9dde3; --muted: #5f6670; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 1.5rem 2rem 4rem; color: #1d2330; line-height: 1.45;
       font: 15px/1.45 "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, "WenQuanYi Zen Hei",
       "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
:lang(zh) { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .6rem; padding-bottom: .3rem; border-bottom: 2px solid #1d2330; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; }
p.sub, p.note, p.none { color: var(--muted); }
nav { margin: 1rem 0; padding: .6rem .8rem; background: #f3f5f8; border-radius: 6px; font-size: .9rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f3f5f8; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.text { max-width: 26rem; }
table.flagged { width: 100%; table-layout: fixed; }
table.flagged td.text { max-width: none; }
/* a long paragraph scrolls inside its cell, so the reasons, not the texts, set the length of the page */
table.flagged td.text div { max-height: 9.5em; overflow-y: auto; }
td.sig { font-family: "DejaVu Sans Mono", monospace; font-size: .75rem; word-break: break-all; max-width: 28rem; }
.status { display: inline-block; padding: 0 .45rem; border-radius: 3px; color: #fff; font-size: .8rem; }
.status.ok { background: var(--ok); } .status.warn { background: var(--warn); } .status.error { background: var(--error); }
.score { font-size: 1.6rem; font-weight: 700; }
ul.reasons { margin: 0; padding-left: 1.1rem; }
figure { margin: 1rem 0 2rem; }
figure svg.chart { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
"""


def _status(status: str) -> str:
    return f'<span class="status {escape(status)}">{escape(status)}</span>'


def _num(value, digits: int = 3) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _table(head: list[str], rows: list[list[str]], numeric: Collection[int] = frozenset(), widths: Sequence[int] = ()) -> str:
    """Cells arrive escaped (they may hold markup of ours, such as status badges); `widths` in percent fix the
    columns of a wide table."""
    cls = [' class="num"' if i in numeric else "" for i in range(len(head))]
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    attrs = ' class="flagged"' if widths else ""
    out = [f"<table{attrs}>{cols}<thead><tr>", *(f"<th{c}>{escape(h)}</th>" for c, h in zip(cls, head)),
           "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(cell if cell.startswith("<td") else f"<td{c}>{cell}</td>"
                                    for c, cell in zip(cls, row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _ids(ids: list[int]) -> str:
    return escape(f"{ids}")


def _text_cell(text: str, lang: str, capped: bool = False) -> str:
    body = escape(text) if text else "—"
    return f'<td class="text" lang="{escape(lang)}">{f"<div>{body}</div>" if capped else body}</td>'


def _overview(report: dict) -> str:
    rows = []
    for name, pair in report["pairs"].items():
        terms = pair["terms"]
        counts = pair["status_counts"]
        rows.append([escape(name), f"{pair['score']:.1f}", *(str(counts[s]) for s in STATUSES),
                     str(pair["alignment"]["links"]), str(len(pair["alignment"]["low_confidence"])),
                     _num(terms["accuracy_before"]) if terms else "—",
                     _num(terms["accuracy_after"]) if terms else "—",
                     "yes" if pair["metrics"] else "no reference"])
    summary = report["summary"]
    score = "—" if summary["score"] is None else f"{summary['score']:.1f}"
    return (f'<section id="overview"><h2>Overview</h2>'
            f'<p>Overall score <span class="score">{score}</span> (mean of the pair scores; lowest'
            f' {_num(summary["min_score"], 1)}),'
            f' worst status {_status(summary["worst_status"])}, {summary["flagged"]} flagged paragraphs.</p>'
            + _table(["pair", "score", *STATUSES, "links", "low confidence", "term accuracy",
                      "after enforcement", "metrics"], rows, numeric={1, 2, 3, 4, 5, 6, 7, 8})
            + f'<p class="note">{escape(report["score_method"])}</p></section>')


def _charts(report: dict) -> str:
    pairs = report["pairs"]
    langs = [p["system"] for p in pairs.values()]
    key, label = _distribution_value(pairs)
    figures = [charts.score_distribution(
        {p["system"]: [(v[key], v["status"]) for v in p["link_values"] if v.get(key) is not None]
         for p in pairs.values()}, label)]
    captions = [f"How many aligned paragraphs of each translation fall at each value of {escape(label)}, coloured"
                " by the status the checks gave them; links with one side empty have no similarity and are left"
                " out."]
    compliance: dict[str, dict[str, tuple[int, int]]] = {}
    for pair in pairs.values():
        for concept, counts in (pair["terms"] or {}).get("by_concept", {}).items():
            compliance.setdefault(concept, {})[pair["system"]] = (counts["ok"], counts["occurrences"])
    heatmap = charts.term_heatmap(compliance, langs)
    if heatmap:
        figures.append(heatmap)
        captions.append("Share of each concept's source occurrences whose translation holds an admitted term,"
                        " before enforcement; worst concepts first, concepts right in every language summed in"
                        " one row.")
    figures.append(charts.link_types({name: p["alignment"]["by_type"] for name, p in pairs.items()}))
    captions.append("The links that are not one paragraph for one, per pair (the 1-1 count is in the pair's"
                    " label): 1-0 a source paragraph left untranslated; 0-1 a paragraph added; 2-1 and 1-2"
                    " paragraphs merged or split.")
    body = "".join(f"<figure>{svg}<figcaption>{caption}</figcaption></figure>" for svg, caption in zip(figures, captions))
    return f'<section id="charts"><h2>Charts</h2>{body}</section>'


def _distribution_value(pairs: dict) -> tuple[str, str]:
    """The per-link value the distribution chart plots: the calibrated similarity when the run had an embedder,
    else the aligner's cosine."""
    if any("similarity_z" in v for p in pairs.values() for v in p["link_values"]):
        return "similarity_z", ("cross-lingual similarity (robust z-score against the document's own links;"
                                " below 0 less similar than its typical link)")
    return "link_score", "cosine similarity from the aligner (of the linked paragraphs)"


def _alignment(key: str, section: dict) -> str:
    kinds = section["by_type"]
    out = [f'<section id="{key}-alignment"><h3>Alignment</h3>',
           f"<p>{section['links']} links ({escape(section['method'] or 'unknown method')}"
           + (f", embedder {escape(section['embedder'])}" if section["embedder"] else "") + ").</p>",
           _table(list(kinds), [[str(v) for v in kinds.values()]], numeric=set(range(len(kinds))))]
    low = section["low_confidence"]
    if low:
        out.append(f"<p>Links with confidence below {section['check_below']}: check these by hand.</p>")
        out.append(_table(["link", "confidence", "review"],
                          [[f"{_ids(l['src'])} → {_ids(l['tgt'])}", f"{l['confidence']:.2f}",
                            f'<a href="{escape(l["review"])}">{escape(l["review"])}</a>'] for l in low],
                          numeric={1}))
    else:
        out.append(f"<p>No link has confidence below {section['check_below']}.</p>")
    return "".join(out) + "</section>"


def _terminology(key: str, lang: str, src_lang: str, terms: dict | None) -> str:
    head = f'<section id="{key}-terminology"><h3>Terminology</h3>'
    if terms is None:
        return head + '<p class="none">Not checked: the set names no term base covering this language.</p></section>'
    after = terms["findings_after"]
    rows = [["before enforcement", _num(terms["accuracy_before"]),
             *(str(terms["findings_before"][k]) for k in FINDING_KINDS)]]
    if after is not None:
        rows.append(["after enforcement", _num(terms["accuracy_after"]), *(str(after[k]) for k in FINDING_KINDS)])
    out = [head, f"<p>{terms['occurrences']} source term occurrences.</p>",
           _table(["", "term accuracy", *FINDING_KINDS], rows, numeric=set(range(1, len(FINDING_KINDS) + 2)))]
    remaining = terms["remaining"]
    if remaining:
        out.append(f"<p>Findings left {'after enforcement' if after is not None else ''}:</p>")
        out.append(_table(["link", "kind", "concept", "source", "target", "expected"],
                          [[f"{_ids(f['src'])} → {_ids(f['tgt'])}", escape(f["kind"]), escape(f["concept"]),
                            _text_cell(f["source_text"], src_lang), _text_cell(f["target_text"], lang),
                            _text_cell(f["expected"], lang)] for f in remaining]))
    else:
        out.append("<p>No terminology finding left.</p>")
    return "".join(out) + "</section>"


def _metrics(key: str, lang: str, metrics: list[dict] | None) -> str:
    head = f'<section id="{key}-metrics"><h3>Reference-based metrics</h3>'
    if not metrics:
        return head + ('<p class="none">No reference: the set has no reference or post-edit translation into'
                       f' {escape(lang)}, so BLEU, chrF++ and TER were not computed.</p></section>')
    rows = [[escape(m["metric"]), f"{m['score']:.2f}", escape(against(m)),
             f'<td class="sig">{escape(m["signature"])}</td>'] for m in metrics]
    return (head + _table(["metric", "score", "reference", "sacrebleu signature"], rows, numeric={1})
            + f'<p class="note">{escape(DIRECTIONS)}</p></section>')


def _comparisons(comparisons: list[dict]) -> str:
    head = f'<section id="comparisons"><h2>Comparisons</h2><p class="note">{escape(COMPARISON_METHOD)}</p>'
    if not comparisons:
        return head + f'<p class="none">{escape(NO_COMPARISON)}</p></section>'
    out = [head]
    for c in comparisons:
        out.append(f"<h3>{escape(c['lang'])}: B = {escape(c['system'])}, A = {escape(c['baseline'])}</h3>"
                   f"<p>{c['rows']} rows against {escape(c['reference'])} ({escape(c['role'])}).</p>")
        out.append(_table(["metric", "A", "B", "delta", "95% CI", "p-value", "verdict", "sacrebleu signature"],
                          [[escape(m["metric"]), f"{m['baseline_score']:.2f}", f"{m['system_score']:.2f}",
                            f"{m['delta']:+.2f}", f"{m['ci_low']:+.2f} … {m['ci_high']:+.2f}", f"{m['p_value']:.4f}",
                            escape(verdict(m)), f'<td class="sig">{escape(m["signature"])}</td>']
                           for m in c["metrics"]],
                          numeric={1, 2, 3, 4, 5}))
    return "".join(out) + "</section>"


def _status_section(key: str, pair: dict) -> str:
    counts = pair["status_counts"]
    unchecked = "".join(f'<p class="note">Not checked: {escape(note)}</p>' for note in pair["not_checked"])
    return (f'<section id="{key}-status"><h3>Status</h3>'
            f'<p>Score <span class="score">{pair["score"]:.1f}</span> of 100.</p>'
            + _table(list(STATUSES), [[str(counts[s]) for s in STATUSES]], numeric={0, 1, 2}) + unchecked
            + "</section>")


def _flagged(key: str, lang: str, src_lang: str, flagged: list[dict]) -> str:
    head = f'<section id="{key}-flagged"><h3>Flagged paragraphs</h3>'
    if not flagged:
        return head + "<p>No paragraph flagged.</p></section>"
    rows = []
    for item in flagged:
        reasons = "".join(f"<li>{_status(f['severity'])} <b>{escape(f['check'])}</b>: {escape(f['reason'])}</li>"
                          for f in item["flags"])
        rows.append([f'<a href="{escape(item["review"])}">{_ids(item["src"])} → {_ids(item["tgt"])}</a>',
                     _status(item["status"]), f'<ul class="reasons">{reasons}</ul>',
                     _text_cell(item["source_text"], src_lang, True), _text_cell(item["target_text"], lang, True)])
    return (head + f"<p>{len(flagged)} paragraphs need a look; the link opens the row on the review page.</p>"
            + _table(["link (review)", "status", "reasons", "source", "translation"], rows,
                     widths=[9, 7, 26, 29, 29]) + "</section>")


def _pair(pair: dict) -> str:
    lang, src, key = pair["tgt_lang"], pair["src_lang"], escape(pair["system"])
    title = escape(lang) if pair["system"] == lang else f"{escape(lang)} ({key})"
    return (f'<section id="pair-{key}" class="pair"><h2>{escape(src)} → {title}</h2>'
            + _alignment(key, pair["alignment"]) + _terminology(key, lang, src, pair["terms"])
            + _metrics(key, lang, pair["metrics"]) + _status_section(key, pair)
            + _flagged(key, lang, src, pair["flagged"]) + "</section>")


def render_html(report: dict) -> str:
    s = report["set"]
    pairs = report["pairs"]
    nav = "".join(f'<a href="#{escape(x)}">{escape(t)}</a>' for x, t in
                  [("overview", "Overview"), ("charts", "Charts"),
                   ("comparisons", "Comparisons"), *((f"pair-{p['system']}", name) for name, p in pairs.items())])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>Evaluation report: {escape(s["title"])}</title><link rel="icon" href="data:,">'
        f"<style>{CSS}</style></head><body>"
        f'<header><h1>Evaluation report</h1><p class="sub">{escape(s["title"])} · set <code>{escape(s["id"])}</code>'
        f' · source {escape(s["source_lang"])} · {escape(report["generator"])}, {escape(report["generated"])}'
        f' · schema {escape(report["schema"])}</p></header>'
        f"<nav>{nav}</nav>"
        + _overview(report) + _charts(report) + _comparisons(report["comparisons"])
        + "".join(_pair(p) for p in pairs.values())
        + "</body></html>\n"
    )
