"""The report of a real `tilmash run`: report.html in headless Chromium, and `tilmash report` on the
run's output and on the set.

Chromium is Debian's /usr/bin/chromium (.ci/run installs it); Playwright never downloads a browser.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest
from playwright.sync_api import sync_playwright

from corpus.docset import record_files
from eval.report_data import verdict
from eval.report_html import render_html
from tilmash.cli import main

# one xdist worker runs the modules that read the session's bundled_run, so it is made once
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bundled_run")]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SECTIONS = ("alignment", "terminology", "metrics", "status", "flagged")
HOSTILE = '<script>document.title="owned"</script><img src=x onerror="document.title=\'owned\'">'


@pytest.fixture(scope="module")
def result(bundled_run):
    return bundled_run


@pytest.fixture(scope="module")
def report(result) -> dict:
    return json.loads((result.out_dir / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser, path):
    """The page, and every console error, page error and failed request while it loaded."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def test_run_writes_the_report_and_quality_files(result, report):
    assert {"report.html", "report.md", "report.json", "summary.md"} <= set(result.files)
    assert {f"quality/ru-{lang}.json" for lang in ("en", "zh", "kk")} <= set(result.files)
    assert report["schema"] == "tilmash.report/1"
    for lang, pair in result.pairs.items():
        section = report["pairs"][f"ru-{lang}"]
        assert section["score"] == round(pair.quality.score, 1)
        assert section["status_counts"] == pair.quality.status_counts()
        assert section["alignment"]["by_type"] == pair.alignment.kind_counts()
        assert [l["link"] for l in section["alignment"]["low_confidence"]] == pair.alignment.extra["check"]
        assert section["terms"]["accuracy_before"] == round(pair.terms.term_accuracy, 4)
        assert section["terms"]["accuracy_after"] == round(pair.terms_after.term_accuracy, 4)
        assert not section["not_checked"]  # the run had an embedder: every check ran


def test_report_html_loads_offline_and_shows_every_section(browser, result, report):
    page, problems = _open(browser, result.out_dir / "report.html")
    assert not problems
    for selector in ("#overview", "#charts"):
        assert page.locator(selector).is_visible()
    charts = page.locator("#charts figure svg")
    assert charts.count() == 3
    for i in range(3):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100
    for name, pair in report["pairs"].items():
        lang = pair["tgt_lang"]
        for section in SECTIONS:
            assert page.locator(f"#{lang}-{section}").is_visible(), f"{lang}-{section}"
        metrics = page.locator(f"#{lang}-metrics").inner_text()
        assert ("No reference" in metrics) == (not pair["metrics"])
        flagged = page.locator(f"#{lang}-flagged a[href^='review.html#row-']")
        assert flagged.count() == len(pair["flagged"]) > 0
        assert flagged.first.get_attribute("href") == pair["flagged"][0]["review"]
        assert page.locator(f"#{lang}-status").inner_text().count(f"{pair['score']:.1f}") == 1
    zh = page.locator("#zh-flagged").inner_text()
    chinese = next(i["target_text"] for i in report["pairs"]["ru-zh"]["flagged"]
                   if re.search(r"[\u4e00-\u9fff]", i["target_text"]))
    assert chinese[:20] in zh
    page.close()


def test_document_text_stays_text_in_the_browser(browser, report, tmp_path):
    hostile = json.loads(json.dumps(report))
    item = hostile["pairs"]["ru-zh"]["flagged"][0]
    item["target_text"] = HOSTILE + item["target_text"]
    path = tmp_path / "report.html"
    path.write_text(render_html(hostile), encoding="utf-8")
    page, problems = _open(browser, path)
    assert not problems  # the <img src=x> was never requested
    assert page.title().startswith("Evaluation report") and "owned" not in page.title()
    assert HOSTILE in page.locator("#zh-flagged").inner_text()
    page.close()


def test_report_command_re_renders_a_run_output_without_embedding(result, report, tmp_path, monkeypatch):
    import tilmash.session

    monkeypatch.setattr(tilmash.session, "make_embedder", lambda *a, **k: pytest.fail("re-rendering embedded"))
    assert main(["report", str(result.out_dir), "-o", str(tmp_path)]) == 0
    again = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert again["generated"] and {k: v for k, v in again.items() if k != "generated"} == \
        {k: v for k, v in report.items() if k != "generated"}
    assert list(again["pairs"]) == list(report["pairs"]) == ["ru-en", "ru-zh", "ru-kk"]  # manifest order kept
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# Evaluation report:")
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_report_command_from_the_set(set_dir, report, tmp_path):
    assert main(["report", str(set_dir), "-o", str(tmp_path / "rep")]) == 0
    fresh = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    assert fresh["pairs"].keys() == report["pairs"].keys()
    for name, pair in report["pairs"].items():
        for key in ("score", "status_counts", "flagged", "terms"):
            assert fresh["pairs"][name][key] == pair[key], (name, key)


@pytest.mark.parametrize("damage, message", [
    (lambda out: (out / "quality" / "ru-zh.json").write_text("{not json", encoding="utf-8"),
     r"ru-zh\.json:1: malformed JSON"),
    (lambda out: shutil.rmtree(out / "quality"), r"holds no quality/<pair>\.json"),
    (lambda out: (out / "corpus" / "ru-en.tsv").write_text(
        "\n".join((out / "corpus" / "ru-en.tsv").read_text(encoding="utf-8").split("\n")[:-3]) + "\n",
        encoding="utf-8"), r"ru-en\.tsv: has \d+ links, align/ru-en\.json has \d+"),
    (lambda out: (out / "align" / "ru-kk.json").unlink(), r"ru-kk\.json: missing"),
])
def test_report_command_names_the_bad_file(result, tmp_path, capsys, damage, message):
    out = tmp_path / "out"
    shutil.copytree(result.out_dir, out)
    before = (out / "report.json").read_bytes()
    damage(out)
    assert main(["report", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.split("\n")) == 1 and re.search(message, err), err
    assert (out / "report.json").read_bytes() == before  # nothing half-written over the earlier report


def test_a_post_edit_brings_metrics_with_signatures_and_hter(result, set_copy, browser, tmp_path):
    """The run's glossary-enforced English, recorded as a post-edit of en.txt: BLEU, chrF++, TER and HTER."""
    shutil.copy(result.out_dir / "enforced" / "en.txt", set_copy / "en.post-edit.txt")
    record_files(set_copy, [{"path": "en.post-edit.txt", "lang": "en", "role": "post-edit", "synthetic": True,
                             "provenance": "en.txt after tilmash glossary enforcement, written by a test run;"
                                           " stands in for a human post-edit"}])
    assert main(["report", str(set_copy), "-o", str(tmp_path / "rep")]) == 0
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    by_reference = {}
    for m in report["pairs"]["ru-en"]["metrics"]:
        by_reference.setdefault(m["reference"], []).append(m)
    assert set(by_reference) == {"en.post-edit.txt", "en.pe.txt"}  # the set's own post-edit is scored too
    metrics = by_reference["en.post-edit.txt"]
    assert [m["metric"] for m in metrics] == ["BLEU", "chrF++", "TER", "HTER"]
    assert {m["role"] for m in metrics} == {"post-edit"}
    bleu, _, ter, hter = (m["score"] for m in metrics)
    assert 90 < bleu < 100 and 0 < hter == ter < 5  # enforcement changed a few words
    assert all(m["signature"].startswith("nrefs:1|") for m in metrics)
    assert report["pairs"]["ru-zh"]["metrics"] is None
    page, problems = _open(browser, tmp_path / "rep" / "report.html")
    assert not problems
    table = page.locator("#en-metrics table").inner_text()
    assert "HTER" in table and metrics[0]["signature"] in table
    # enforcement against the post-edit it produced: B (the enforced copy) is at least as good on every metric,
    # and each row of the comparison says in words which system won
    ((index, enforcement),) = [(k, c) for k, c in enumerate(report["comparisons"])
                               if c["reference"] == "en.post-edit.txt"]
    rows = page.locator("#comparisons table").nth(index).locator("tbody tr")
    for k, m in enumerate(enforcement["metrics"]):
        assert (m["delta"] < 0) == (m["metric"] == "TER") and m["ci_low"] <= m["delta"] <= m["ci_high"]
        assert verdict(m) in rows.nth(k).inner_text() and not verdict(m).startswith("A better")
    assert "No reference" in page.locator("#zh-metrics").inner_text()
    page.close()


def test_report_command_refuses_a_directory_that_is_neither(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    assert "neither a document set" in capsys.readouterr().err
