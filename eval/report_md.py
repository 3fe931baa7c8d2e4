"""report.md: the report dict (eval.report_data) as GitHub-flavoured Markdown.

The same facts as report.html without the charts, for reading in a pull
request or a terminal. Document text is escaped so that pipes, markup and
emphasis characters in a paragraph cannot break a table or inject HTML.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from html import escape

from .report_data import COMPARISON_METHOD, DIRECTIONS, FINDING_KINDS, NO_COMPARISON, STATUSES, against, verdict

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
TEXT_WIDTH = 160


def md_text(text: str, width: int | None = TEXT_WIDTH) -> str:
    """One table cell of document text: one line, shortened, Markdown and HTML specials neutralised."""
    text = " ".join(text.split())
    if width is not None and len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    text = escape(text, quote=False)
    return _SPECIAL.sub(r"\\\1", text) if text else "—"


def md_code(text: str) -> str:
    """A code span inside a table cell: GitHub splits cells at every unescaped pipe, even in a code span, and a
    sacrebleu signature is made of pipes."""
    return "`" + text.replace("|", "\\|") + "`"


def _table(head: list[str], rows: list[list[str]], numeric: Collection[int] = frozenset()) -> list[str]:
    rule = ["---:" if i in numeric else "---" for i in range(len(head))]
    return ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |",
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def _f(value, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _link(item: dict) -> str:
    return f"`{item['src']}:{item['tgt']}`"


def _pair_lines(name: str, pair: dict) -> list[str]:
    lang = pair["tgt_lang"]
    al, terms, counts = pair["alignment"], pair["terms"], pair["status_counts"]
    out = [f"## {name}", "", f"Score **{pair['score']:.1f}** of 100.", "", "### Alignment", "",
           f"{al['links']} links, method `{al['method'] or 'unknown'}`"
           + (f", embedder `{al['embedder']}`" if al["embedder"] else "") + ".", "",
           *_table(list(al["by_type"]), [[str(v) for v in al["by_type"].values()]], set(range(len(al["by_type"]))))]
    if al["low_confidence"]:
        out += [f"Links with confidence below {al['check_below']}:", "",
                *_table(["link", "confidence", "review"],
                        [[_link(l), f"{l['confidence']:.2f}", f"[row]({l['review']})"] for l in al["low_confidence"]],
                        {1})]
    else:
        out += [f"No link has confidence below {al['check_below']}.", ""]
    out += ["### Terminology", ""]
    if terms is None:
        out += ["Not checked: no term base covers this language.", ""]
    else:
        rows = [["before enforcement", _f(terms["accuracy_before"]),
                 *(str(terms["findings_before"][k]) for k in FINDING_KINDS)]]
        if terms["findings_after"] is not None:
            rows.append(["after enforcement", _f(terms["accuracy_after"]),
                         *(str(terms["findings_after"][k]) for k in FINDING_KINDS)])
        out += [f"{terms['occurrences']} source term occurrences.", "",
                *_table(["", "term accuracy", *FINDING_KINDS], rows, set(range(1, len(FINDING_KINDS) + 2)))]
        if terms["remaining"]:
            out += ["Findings left:", "",
                    *_table(["link", "kind", "concept", "source", "target", "expected"],
                            [[_link(f), f["kind"], md_text(f["concept"]), md_text(f["source_text"]),
                              md_text(f["target_text"]), md_text(f["expected"])] for f in terms["remaining"]])]
        else:
            out += ["No terminology finding left.", ""]
    out += ["### Reference-based metrics", ""]
    if pair["metrics"]:
        out += _table(["metric", "score", "reference", "sacrebleu signature"],
                      [[m["metric"], f"{m['score']:.2f}", md_text(against(m)), md_code(m["signature"])]
                       for m in pair["metrics"]], {1})
        out += [DIRECTIONS, ""]
    else:
        out += [f"No reference: the set has no reference or post-edit translation into {lang}.", ""]
    out += ["### Status", "", *_table(list(STATUSES), [[str(counts[s]) for s in STATUSES]], {0, 1, 2}),
            *(line for note in pair["not_checked"] for line in (f"Not checked: {md_text(note, None)}", "")),
            "### Flagged paragraphs", ""]
    if pair["flagged"]:
        out += _table(["link", "status", "reasons", "source", "translation"],
                      [[f"[{item['src']}:{item['tgt']}]({item['review']})", item["status"],
                        "<br>".join(md_text(f"{f['severity']} {f['check']}: {f['reason']}", None) for f in item["flags"]),
                        md_text(item["source_text"]), md_text(item["target_text"])] for item in pair["flagged"]])
    else:
        out += ["No paragraph flagged.", ""]
    return out


def _comparison_lines(comparisons: list[dict]) -> list[str]:
    out = ["## Comparisons", "", COMPARISON_METHOD, ""]
    if not comparisons:
        return out + [NO_COMPARISON, ""]
    for c in comparisons:
        out += [f"### {c['lang']}: B = {md_text(c['system'], None)}, A = {md_text(c['baseline'], None)}", "",
                f"{c['rows']} rows against {md_text(c['reference'], None)} ({c['role']}).", "",
                *_table(["metric", "A", "B", "delta", "95% CI", "p-value", "verdict", "sacrebleu signature"],
                        [[m["metric"], f"{m['baseline_score']:.2f}", f"{m['system_score']:.2f}", f"{m['delta']:+.2f}",
                          f"{m['ci_low']:+.2f} … {m['ci_high']:+.2f}", f"{m['p_value']:.4f}", verdict(m),
                          md_code(m["signature"])] for m in c["metrics"]], {1, 2, 3, 4, 5})]
    return out


def render_markdown(report: dict) -> str:
    s, summary = report["set"], report["summary"]
    rows = []
    for name, pair in report["pairs"].items():
        terms = pair["terms"]
        rows.append([name, f"{pair['score']:.1f}", *(str(pair["status_counts"][k]) for k in STATUSES),
                     str(pair["alignment"]["links"]), str(len(pair["alignment"]["low_confidence"])),
                     _f(terms["accuracy_before"]) if terms else "—",
                     _f(terms["accuracy_after"]) if terms else "—", "yes" if pair["metrics"] else "no reference"])
    out = [f"# Evaluation report: {md_text(s['title'], None)}", "",
           f"Set `{s['id']}`, source `{s['source_lang']}`; {report['generator']}, {report['generated']};"
           f" schema `{report['schema']}`. Charts are in `report.html`; every flagged link opens its row on"
           f" the review page (`{report['review_page']}`).", "",
           f"Overall score **{_f(summary['score'], 1)}** (mean of the pair scores, lowest {_f(summary['min_score'], 1)});"
           f" worst status `{summary['worst_status']}`; {summary['flagged']} flagged paragraphs.", "",
           *_table(["pair", "score", *STATUSES, "links", "low confidence", "term accuracy", "after enforcement",
                    "metrics"], rows, {1, 2, 3, 4, 5, 6, 7, 8})]
    if report["score_method"]:
        out += [md_text(report["score_method"], None), ""]
    out += _comparison_lines(report["comparisons"])
    for name, pair in report["pairs"].items():
        out += _pair_lines(name, pair)
    return "\n".join(out)
