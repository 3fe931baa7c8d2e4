"""The second bundled set, glaciers-2026: an English source with Kyrgyz and Uzbek (Latin) translations, through
every command, so nothing assumes a Russian pivot or the first four languages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from align.io import read_alignment
from align.score import score_alignment
from corpus.docset import load_set
from tilmash.cli import main

# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("second_set")

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "corpus" / "glaciers-2026"
GLOSSARY = ROOT / "glossaries" / "glaciers-2026.tsv"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("glaciers") / "out"
    assert main(["run", str(SET), "--out", str(out)]) == 0
    return out


@pytest.fixture
def glaciers_copy(tmp_path) -> Path:
    target = tmp_path / "set"
    shutil.copytree(SET, target)
    meta = target / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('"../../glossaries/glaciers-2026.tsv"', f'"{GLOSSARY}"'),
                    encoding="utf-8")
    return target


def test_the_set_is_english_sourced_and_labelled_synthetic():
    docset = load_set(SET)
    assert docset.source_tag == "en" and list(docset.systems()) == ["ky", "uz"]
    assert [e.tag for e in docset.translations()] == ["ky", "uz-Latn"]
    text = (SET / "meta.toml").read_text(encoding="utf-8")
    assert text.count("synthetic = true") == 3


def test_run_aligns_checks_and_names_outputs_after_the_english_pivot(run_dir):
    files = {str(p.relative_to(run_dir)) for p in run_dir.rglob("*") if p.is_file()}
    assert {"align/en-ky.txt", "align/en-uz.txt", "corpus/en-ky.tsv", "corpus/moses/en-uz.uz", "terms/en-ky.json",
            "quality/en-uz.json", "enforced/ky.txt", "review.html", "report.json"} <= files
    for name in ("ky", "uz"):
        score = score_alignment(read_alignment(SET / "gold" / f"en-{name}.txt").pairs(),
                                read_alignment(run_dir / "align" / f"en-{name}.txt").pairs())
        assert score.strict_f1 == 1.0
    summary = (run_dir / "summary.md").read_text(encoding="utf-8")
    assert "| ky | mt | `ky.txt` | 26 |" in summary and "`ky-2`" in summary and "`uz-Latn-2`" in summary
    assert "Multi-way rows pivoted on en" in summary
    rows = [json.loads(line) for line in (run_dir / "corpus" / "glaciers-2026.jsonl").read_text().splitlines()]
    assert all({"en", "ky", "uz"} <= set(r) for r in rows)
    tmx = (run_dir / "corpus" / "glaciers-2026.tmx").read_text(encoding="utf-8")
    assert 'srclang="en"' in tmx and 'xml:lang="uz-Latn"' in tmx and 'xml:lang="ky"' in tmx


def test_the_planted_term_deviations_are_found_and_repaired(run_dir):
    for name, text in (("ky", "Орто Азия"), ("uz", "O‘rta Osiyo")):
        terms = json.loads((run_dir / "terms" / f"en-{name}.json").read_text(encoding="utf-8"))
        forbidden = [f for f in terms["findings"] if f["kind"] == "forbidden"]
        assert [f["target_text"] for f in forbidden] == [text]
        assert text not in (run_dir / "enforced" / f"{name}.txt").read_text(encoding="utf-8")
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    assert report["set"]["source_lang"] == "en" and set(report["pairs"]) == {"en-ky", "en-uz"}
    flagged = {c["check"] for p in report["pairs"].values() for f in p["flagged"] for c in f["flags"]}
    assert "wrong-language" not in flagged and "untranslated" not in flagged and "numbers" not in flagged


def test_review_page_puts_the_source_language_first(run_dir):
    html = (run_dir / "review.html").read_text(encoding="utf-8")
    assert '<div class="col" data-lang="en">English</div>' in html and ">Russian<" not in html
    assert 'class="cell src" lang="en" data-lang="en"' in html and 'lang="uz-Latn" data-lang="uz"' in html


def test_report_re_renders_from_the_output(run_dir):
    assert main(["report", str(run_dir)]) == 0
    assert "en-uz" in json.loads((run_dir / "report.json").read_text(encoding="utf-8"))["pairs"]


def test_align_glossary_check_and_score_from_the_command_line(run_dir, tmp_path, capsys):
    out = tmp_path / "en-uz.txt"
    assert main(["align", str(SET / "en.txt"), str(SET / "uz.txt"), "--src-lang", "en", "--tgt-lang", "uz",
                 "--format", "text", "-o", str(out)]) == 0
    assert read_alignment(out).pairs() == read_alignment(SET / "gold" / "en-uz.txt").pairs()
    check = tmp_path / "check.json"
    assert main(["glossary", "check", "--glossary", str(GLOSSARY), str(SET / "en.txt"), str(SET / "ky.txt"),
                 "--src-lang", "eng", "--tgt-lang", "kir", "--alignment", str(SET / "gold" / "en-ky.txt"),
                 "-o", str(check)]) == 0
    data = json.loads(check.read_text(encoding="utf-8"))
    assert data["src_lang"] == "en" and data["tgt_lang"] == "ky" and data["occurrences"] >= 15
    score = tmp_path / "score.json"
    assert main(["score", str(SET), "--format", "json", "-o", str(score)]) == 0
    scored = json.loads(score.read_text(encoding="utf-8"))
    assert scored["source_lang"] == "en" and {t["system"] for t in scored["translations"]} == {"ky", "uz"}


def test_export_writes_the_corpora_of_both_translations(tmp_path):
    from tilmash.export import export_set

    result = export_set(SET, tmp_path / "out", formats=("tmx", "tsv"), levels=("paragraph",), show_progress=False)
    names = {str(p.relative_to(result.out_dir)) for p in result.out_dir.rglob("*") if p.is_file()}
    assert {"corpus/en-ky.tsv", "corpus/en-uz.tsv", "corpus/glaciers-2026.tmx"} <= names


def test_review_workbench_exports_a_post_edit_against_the_english_source(glaciers_copy, tmp_path, embedder):
    from tilmash.review.workbench import open_workbench

    bench = open_workbench(glaciers_copy, tmp_path / "state", alignments=glaciers_copy / "gold", embedder=embedder)
    assert bench.langs == ["ky", "uz"]
    page = bench.page("token", "nonce")
    assert 'data-lang="en">English</div>' in page
    snap = bench.store.snapshot()
    assert snap.alignments["uz"].src_lang == "en"
    text, version = bench.store.paragraph("uz", 2)
    bench.save("uz", 2, text.replace("O‘rta Osiyo", "Markaziy Osiyo"), version, "tester")
    bench.export("first", "tester")
    docset = load_set(glaciers_copy)
    post = next(e for e in docset.files if e.role == "post-edit")
    assert post.path == "post-edit/uz.txt" and post.lang == "uz-Latn" and post.meta["alignment"] == "post-edit/en-uz.txt"
    assert "Markaziy Osiyo davlatlarining" in (glaciers_copy / post.path).read_text(encoding="utf-8")


def test_translate_into_kyrgyz_and_uzbek_with_a_tiny_nllb_model(tmp_path):
    from tiny_seq2seq import build_tiny_nllb

    texts = [(SET / f"{name}.txt").read_text(encoding="utf-8") for name in ("en", "ky", "uz")]
    model = build_tiny_nllb(tmp_path / "nllb-tiny", texts, vocab_size=1500)
    out = tmp_path / "mt"
    assert main(["translate", str(SET / "en.txt"), "--src-lang", "en", "--to", "ky,uz", "--model", str(model),
                 "--beams", "1", "--max-length", "8", "--no-cache", "-o", str(out)]) == 0
    docset = load_set(out)
    assert [(e.path, e.tag) for e in docset.translations()] == [("ky.txt", "ky"), ("uz.txt", "uz-Latn")]
    assert len((out / "uz.txt").read_text(encoding="utf-8").strip().split("\n\n")) == 26
