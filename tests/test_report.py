"""The evaluation report (eval.report_data, report_html, report_md, charts) on the bundled set.

Built from real inputs without embedding: the gold alignments, the real glossary
check before and after enforcement, and the reference-free checks without an
embedder (similarity is then reported as not checked). The full pipeline and the
browser are in test_report_browser.py.
"""
from __future__ import annotations

import dataclasses
import json
from html import escape
import re
import warnings
from pathlib import Path

import matplotlib
import pytest

from align.io import read_fitting_alignment
from corpus.alignment import Alignment
from corpus.model import make_document
from corpus.rows import row_text
from eval import charts
from eval.checks import QualityChecker
from eval.metrics import make_metric
from eval.report_data import SCHEMA, build_report, pair_section, review_row, verdict
from eval.report_html import render_html
from eval.report_md import md_text, render_markdown
from glossaries.checking import check
from glossaries.enforce import enforce

# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("report")

HOSTILE = '<script>document.title="owned"</script> | *bold* [x](http://example.com) 2099'


def _section(source, doc, alignment, termbase, low_confidence: set[int] = frozenset()):
    links = [dataclasses.replace(l, confidence=0.5) if k in low_confidence else l
             for k, l in enumerate(alignment.links)]
    alignment = Alignment(source.lang, doc.lang, links, method="gold")
    terms = check(termbase, source.texts(), doc.texts(), links, source.lang, doc.lang)
    enforced, _ = enforce(termbase, source.texts(), doc.texts(), links, source.lang, doc.lang)
    after = check(termbase, source.texts(), enforced, links, source.lang, doc.lang)
    quality = QualityChecker(source, doc, alignment).assess(terms.findings)
    texts = [(row_text(source, l.src), row_text(doc, l.tgt)) for l in links]
    section = pair_section(alignment, texts, quality.as_dict(), terms.as_dict(), after.as_dict(), None, 0.9)
    return section, quality, terms, after


@pytest.fixture(scope="module")
def real(docset, termbase):
    source = docset.source()
    out = {}
    for entry in docset.translations():
        doc = docset.read(entry)
        gold = read_fitting_alignment(docset.gold_path(entry), len(source), len(doc))
        out[doc.name] = (doc, *_section(source, doc, gold, termbase, low_confidence={3}))
    report = build_report(docset.id, docset.title, source.lang, [v[1] for v in out.values()], "tilmash test")
    return source, out, report


def test_report_json_holds_every_fact(real):
    source, pairs, report = real
    assert report["schema"] == SCHEMA and report["set"] == {"id": "astana-2025", "title": report["set"]["title"],
                                                           "source_lang": "ru"}
    assert list(report["pairs"]) == ["ru-en", "ru-zh", "ru-kk"]
    json.loads(json.dumps(report))  # plain data only
    for lang, (doc, section, quality, terms, after) in pairs.items():
        pair = report["pairs"][f"ru-{lang}"]
        assert pair["score"] == round(quality.score, 1)
        assert pair["status_counts"] == quality.status_counts()
        assert sum(pair["status_counts"].values()) == pair["alignment"]["links"] == len(quality.links)
        flagged = [k for k, link in enumerate(quality.links) if link.status != "ok"]
        assert [item["link"] for item in pair["flagged"]] == flagged and flagged
        for item in pair["flagged"]:
            link = quality.links[item["link"]]
            assert item["flags"] == [f.as_dict() for f in link.flags] and item["status"] == link.status
            assert item["source_text"] == row_text(source, link.src)
        assert pair["terms"]["accuracy_before"] == round(terms.term_accuracy, 4)
        assert pair["terms"]["accuracy_after"] == round(after.term_accuracy, 4)
        assert pair["terms"]["accuracy_after"] > pair["terms"]["accuracy_before"]  # the set has forbidden variants
        assert len(pair["terms"]["remaining"]) == len(after.problems())
        assert pair["terms"]["findings_after"]["forbidden"] < pair["terms"]["findings_before"]["forbidden"]
        assert pair["alignment"]["low_confidence"] == [
            {"link": 3, "src": list(quality.links[3].src),
             "tgt": list(quality.links[3].tgt), "confidence": 0.5,
             "review": f"review.html#row-{review_row([list(l.src) for l in quality.links], 3)}"}]
        assert pair["metrics"] is None
        assert any("similarity" in note for note in pair["not_checked"])  # no embedder given
    kk = report["pairs"]["ru-kk"]
    assert kk["alignment"]["by_type"].get("1-0", 0) >= 1  # the paragraph missing in Kazakh
    assert any(f["check"] == "omission" for item in kk["flagged"] for f in item["flags"])
    summary = report["summary"]
    assert summary["flagged"] == sum(len(p["flagged"]) for p in report["pairs"].values())
    assert summary["worst_status"] in ("warn", "error")
    assert summary["min_score"] == min(p["score"] for p in report["pairs"].values())


def test_review_row_of_links_without_source():
    sides = [[], [0], [1, 2], [], [], [3]]
    assert [review_row(sides, k) for k in range(len(sides))] == [0, 0, 1, 2, 2, 3]


def test_every_flagged_link_points_at_its_review_row(real):
    source, _, report = real
    insertions = 0
    for pair in report["pairs"].values():
        for item in pair["flagged"]:
            row = int(re.fullmatch(r"review\.html#row-(\d+)", item["review"]).group(1))
            if item["src"]:
                assert row == item["src"][0]
            else:
                insertions += 1
                assert 0 <= row < len(source)
    assert insertions  # the set adds paragraphs in translation, and they are flagged


def test_a_mismatched_quality_record_is_refused(real):
    quality = real[1]["en"][2]
    with pytest.raises(ValueError, match="do not match"):
        pair_section(Alignment("ru", "en", []), [], quality.as_dict())


@pytest.fixture(scope="module")
def hostile(docset, termbase):
    """A translation whose paragraph 5 holds markup, Markdown and a number the source lacks."""
    source = docset.source()
    entry = next(e for e in docset.translations() if e.lang == "zh")
    real_doc = docset.read(entry)
    texts = real_doc.texts()
    gold = read_fitting_alignment(docset.gold_path(entry), len(source), len(real_doc))
    k = next(k for k, l in enumerate(gold.links) if l.kind == "1-1" and l.src[0] > 10)
    target = gold.links[k].tgt[0]
    texts[target] = HOSTILE + " " + texts[target]
    doc = make_document(docset.id, "zh", texts, role="mt")
    section, *_ = _section(source, doc, gold, termbase)
    report = build_report(docset.id, 'Title with <b>tags</b> & "quotes"', "ru", [section], "tilmash test")
    return report, k


def test_document_text_is_escaped_in_html(hostile):
    report, k = hostile
    item = next(i for i in report["pairs"]["ru-zh"]["flagged"] if i["link"] == k)
    assert any(f["check"] == "numbers" and "2099" in f["reason"] for f in item["flags"])
    html = render_html(report)
    assert "<script" not in html and "&lt;script&gt;document.title=&quot;owned&quot;&lt;/script&gt;" in html
    assert "<b>tags</b>" not in html and "Title with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;" in html
    assert "http://example.com" in html and 'href="http' not in html  # text, never a link
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate element ids across the inline charts"
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_document_text_is_escaped_in_markdown(hostile):
    report, k = hostile
    md = render_markdown(report)
    line = next(l for l in md.split("\n") if "document.title" in l and l.startswith("| ["))
    assert "&lt;script&gt;" in line and "<script" not in md and "<b>" not in md
    assert r"\| \*bold\* \[x\](http://example.com)" in line
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    assert len(cells) == 5  # link, status, reasons, source, translation: the pipe did not open a column
    assert md_text("a\nb\tc") == "a b c" and md_text("") == "—"


def test_markdown_has_every_section(real):
    _, _, report = real
    md = render_markdown(report)
    for lang in ("en", "zh", "kk"):
        part = md.split(f"## ru-{lang}")[1].split("\n## ")[0]
        for heading in ("### Alignment", "### Terminology", "### Reference-based metrics", "### Status",
                        "### Flagged paragraphs"):
            assert heading in part
        assert f"No reference: the set has no reference or post-edit translation into {lang}." in part
        assert "(review.html#row-" in part


@pytest.fixture
def no_system_fonts(monkeypatch):
    """matplotlib as on a machine without a single system font: only the fonts that ship in Python packages
    (matplotlib's own DejaVu, the charts' Noto Sans SC) stay known."""
    from matplotlib import font_manager

    shipped = [Path(matplotlib.get_data_path()), charts.CJK_FONT.parent]
    own = [f for f in font_manager.fontManager.ttflist if any(Path(f.fname).is_relative_to(d) for d in shipped)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", own)
    font_manager.FontManager._findfont_cached.cache_clear()
    yield own
    font_manager.FontManager._findfont_cached.cache_clear()


def test_charts_are_self_contained_svg_with_chinese_as_paths(no_system_fonts):
    assert {Path(f.fname).name for f in no_system_fonts} >= {"DejaVuSans.ttf", charts.CJK_FONT.name}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from every font warns; it must not happen
        svg = charts.term_heatmap({"一带一路 倡议": {"zh": (1, 2), "kk": (2, 2)}, "Орталық Азия": {"zh": (3, 3)},
                                   "Әділ Ұлттық Һ ғ ң ө ү і": {"kk": (1, 2)},
                                   "un": {"zh": (4, 4), "kk": (1, 1)}}, ["zh", "kk"])
    assert svg.startswith("<svg") and 'aria-label="Term compliance per concept and language"' in svg
    assert "<text" not in svg  # glyphs are paths: the reader needs no CJK font
    assert "NotoSansSC-" in svg and "DejaVuSans-" in svg  # CJK glyphs drawn from the bundled CJK font
    glyphs = set(re.findall(r'id="terms-NotoSansSC-Regular-(\w+)"', svg))
    assert len(glyphs) == len(set("一带一路倡议"))  # each Chinese character a path of the bundled font
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("terms-") for i in ids)
    for ref in re.findall(r'(?:href="#|url\(#)([^")]+)', svg):
        assert ref in ids
    assert charts.term_heatmap({}, ["zh"]) is None


def test_verdict_reads_the_direction_of_each_metric():
    def m(metric, delta, p):
        return {"metric": metric, "delta": delta, "p_value": p}
    assert verdict(m("BLEU", -3.0, 0.001)).startswith("A better")
    assert verdict(m("TER", -3.0, 0.001)).startswith("B better")  # fewer edits: B is better
    assert verdict(m("chrF++", 2.0, 0.01)).startswith("B better")
    assert verdict(m("BLEU", 5.0, 0.2)).startswith("no significant difference")


def test_signatures_and_comparisons_keep_markdown_tables_whole(real):
    """sacrebleu signatures are made of pipes; in a GitHub table each would open a column."""
    _, _, report = real
    report = json.loads(json.dumps(report))
    bleu = make_metric("BLEU", "en")
    bleu.corpus_score(["a b"], [["a b"]])  # sacrebleu's signature names the number of references it saw
    signature = str(bleu.get_signature())
    report["pairs"]["ru-en"]["metrics"] = [{"metric": "BLEU", "score": 40.0, "signature": signature,
                                            "reference": "en.pe.txt", "role": "post-edit"}]
    report["comparisons"] = [{"kind": "systems", "lang": "en", "baseline": "en", "system": "en-b",
                              "reference": "en.pe.txt", "role": "post-edit", "rows": 3,
                              "metrics": [{"metric": "TER", "baseline": "en", "system": "en-b", "baseline_score": 9.0,
                                           "system_score": 7.0, "delta": -2.0, "ci_low": -3.0, "ci_high": -1.0,
                                           "p_value": 0.01, "signature": signature}]}]
    lines = render_markdown(report).split("\n")
    rows = [k for k, l in enumerate(lines) if "nrefs:1" in l]
    assert len(rows) == 2
    for k in rows:
        header = lines[max(i for i in range(k) if lines[i + 1].startswith("| ---"))]
        assert len(re.split(r"(?<!\\)\|", lines[k])) == len(header.split("|")), lines[k]
    comparison = next(l for l in lines if l.startswith("| TER | 9.00"))
    assert "B better (p < 0.05)" in comparison
    html = render_html(report)
    assert "B better (p &lt; 0.05)" in html and escape(signature) in html


def test_what_was_not_checked_is_shown(real):
    """Without an embedder the similarity check cannot run; the report must say so, not look clean."""
    _, _, report = real
    notes = report["pairs"]["ru-en"]["not_checked"]
    assert notes
    html = render_html(report)
    status = html.split('id="en-status"')[1].split("</section>")[0]
    assert f"Not checked: {escape(notes[0])}" in status
    md = render_markdown(report).split("## ru-en")[1].split("### Flagged")[0]
    assert f"Not checked: {md_text(notes[0], None)}" in md


def test_link_type_chart_shows_the_links_that_are_not_1_1():
    svg = charts.link_types({"ru-en": {"1-1": 100, "1-0": 2, "0-1": 1}, "ru-kk": {"1-1": 103, "2-1": 5}})
    assert 'aria-label="Link types per language pair"' in svg and "<text" not in svg
    # an alignment of 1-1 links only still draws, with a line instead of empty bars
    assert charts.link_types({"ru-zh": {"1-1": 7}}).startswith("<svg")
