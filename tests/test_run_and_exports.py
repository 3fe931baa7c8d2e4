"""`tilmash run` end to end on the bundled set, and its exports read back."""
import json
import shutil

import pytest
from translate.storage import tmx

from corpus.export.tsv import escape_cell
from corpus.languages import short_tag
from corpus.rows import row_text
from tilmash.pipeline import run

# one xdist worker runs the modules that read the session's bundled_run, so it is made once
pytestmark = pytest.mark.xdist_group("bundled_run")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def result(bundled_run):
    return bundled_run


def test_run_writes_every_output(result):
    out = result.out_dir
    expected = {"summary.md", "corpus/astana-2025.tmx", "corpus/astana-2025.jsonl"}
    for pair in ("ru-en", "ru-zh", "ru-kk"):
        for level in ("", "sentences/"):
            expected |= {f"{level}align/{pair}.json", f"{level}align/{pair}.txt", f"{level}corpus/{pair}.tsv"}
    expected |= {"sentences/corpus/astana-2025.tmx", "sentences/corpus/astana-2025.jsonl"}
    assert expected <= set(result.files)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")], "staging directories left behind"


def test_run_writes_the_review_page_with_row_anchors(result, set_dir):
    from corpus.docset import load_set

    assert "review.html" in result.files
    html = (result.out_dir / "review.html").read_text(encoding="utf-8")
    assert all(f'id="row-{i}"' in html for i in range(len(load_set(set_dir).source())))


def test_summary_reports_f1_and_baseline_per_pair(result):
    summary = (result.out_dir / "summary.md").read_text(encoding="utf-8")
    for lang, pair in result.pairs.items():
        line = next(l for l in summary.split("\n") if l.startswith(f"| ru-{lang} |"))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[-1] == f"{pair.baseline_score.strict_f1:.3f}" and cells[-3] == f"{pair.alignment_score.strict_f1:.3f}"
        assert pair.alignment_score.strict_f1 > pair.baseline_score.strict_f1
    assert "## Check this" in summary
    from align import CHECK_BELOW

    listed = summary.split("## Check this")[1].split("## Files")[0].count("\n| ru-")
    low = sum(l.confidence < CHECK_BELOW for p in result.pairs.values() for l in p.alignment.links)
    assert listed == low == sum(len(p.alignment.extra["check"]) for p in result.pairs.values())
    assert "| ru | source | `ru.txt` | 118 |" in summary


def test_tmx_reads_back_with_translate_toolkit(result):
    store = tmx.tmxfile.parsefile(str(result.out_dir / "corpus" / "astana-2025.tmx"))
    rows = [json.loads(line) for line in (result.out_dir / "corpus" / "astana-2025.jsonl").read_text().splitlines()]
    pivoted = [r for r in rows if r["ru"]]
    assert len(store.units) == len(pivoted)
    for unit, row in zip(store.units, pivoted):
        # xml:lang holds canonical tags (zh-Hans); the JSONL keys are the languages' short names (zh)
        texts = {short_tag(node.get(XML_LANG)): unit.getNodeText(node) for node in unit.getlanguageNodes()}
        assert texts["ru"] == row["ru"]
        for lang in ("en", "zh", "kk"):
            # a language without a counterpart has no <tuv> at all
            assert texts.get(lang, "") == row[lang]
            assert (lang in texts) == bool(row[lang])


def test_sentence_level_exports_cover_every_sentence(result):
    rows = [json.loads(l) for l in (result.out_dir / "sentences/corpus/astana-2025.jsonl").read_text().splitlines()]
    ru_ids = [i for r in rows for i in r["segments"]["ru"]]
    assert ru_ids == [s.id for para in result.source.sentences for s in para]
    assert all(".s" in i for i in ru_ids)
    store = tmx.tmxfile.parsefile(str(result.out_dir / "sentences" / "corpus" / "astana-2025.tmx"))
    assert len(store.units) == sum(1 for r in rows if r["ru"])


def test_jsonl_rows_cover_every_paragraph_once(result):
    rows = [json.loads(line) for line in (result.out_dir / "corpus" / "astana-2025.jsonl").read_text().splitlines()]
    ru_ids = [i for r in rows for i in r["segments"]["ru"]]
    assert ru_ids == [p.id for p in result.source.paragraphs]
    for lang, pair in result.pairs.items():
        assert [i for r in rows for i in r["segments"][lang]] == [p.id for p in pair.doc.paragraphs]
    assert all(set(r) >= {"id", "ru", "en", "zh", "kk", "scores", "flags"} for r in rows)


def test_tsv_and_moses_match_the_alignment(result):
    pair = result.pairs["kk"]
    lines = (result.out_dir / "corpus" / "ru-kk.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "src_ids\ttgt_ids\tru\tkk\tlink\tscore"
    body = [l.split("\t") for l in lines[1:] if l]
    assert len(body) == len(pair.alignment.links)
    for cells, link in zip(body, pair.alignment.links):
        assert len(cells) == 6
        assert cells[3] == escape_cell(row_text(pair.doc, link.tgt))
    ru = (result.out_dir / "corpus" / "moses" / "ru-kk.ru").read_text(encoding="utf-8").splitlines()
    kk = (result.out_dir / "corpus" / "moses" / "ru-kk.kk").read_text(encoding="utf-8").splitlines()
    assert len(ru) == len(kk) == sum(1 for l in pair.alignment.links if l.src and l.tgt)


def test_run_checks_terminology_per_pair(result):
    summary = (result.out_dir / "summary.md").read_text(encoding="utf-8")
    assert "## Terminology" in summary
    for lang in ("en", "zh", "kk"):
        data = json.loads((result.out_dir / "terms" / f"ru-{lang}.json").read_text(encoding="utf-8"))
        assert data["term_accuracy"] == round(result.pairs[lang].terms.term_accuracy, 4)
        forbidden = sum(f["kind"] == "forbidden" for f in data["findings"])
        assert forbidden == {"en": 6, "zh": 7, "kk": 6}[lang]  # as meta.toml lists them
        assert f"| ru-{lang} | {data['occurrences']} | {data['term_accuracy']:.3f} |" in summary
        enforced = (result.out_dir / "enforced" / f"{lang}.txt").read_text(encoding="utf-8").split("\n\n")
        assert len(enforced) == len(result.pairs[lang].doc)
        audit = (result.out_dir / "enforced" / f"{lang}.audit.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(audit) == forbidden  # each one replaced or flagged
        assert result.pairs[lang].terms_after.term_accuracy > result.pairs[lang].terms.term_accuracy


def test_tsv_escaping_keeps_columns():
    assert escape_cell("a\tb\\c\nd") == "a\\tb\\\\c\\nd"


def test_rerun_replaces_the_output_whole(set_dir, result, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(result.out_dir, out)  # the shared run's output stays as it was made
    stale = out / "stale.txt"
    stale.write_text("old", encoding="utf-8")
    run(set_dir, out, show_progress=False)
    assert not stale.exists() and (out / "summary.md").exists()


def test_run_scores_english_against_the_bundled_post_edit(result):
    """en.pe.txt post-edits en.txt: the run reports BLEU, chrF++, TER and HTER with signatures, and the
    enforcement of the term base (which fixes what the post-editor fixed) compared by paired bootstrap."""
    metrics = {m["metric"]: m for m in result.pairs["en"].metrics}
    assert set(metrics) == {"BLEU", "chrF++", "TER", "HTER"}
    assert all(m["reference"] == "en.pe.txt" and m["role"] == "post-edit" for m in metrics.values())
    assert "tok:13a" in metrics["BLEU"]["signature"] and 0 < metrics["HTER"]["score"] < 5
    assert result.pairs["zh"].metrics is None and result.pairs["kk"].metrics is None
    (enforcement,) = result.comparisons
    assert enforcement.kind == "enforcement" and enforcement.metrics[0].baseline == "en"
    ter = next(c for c in enforcement.metrics if c.metric == "TER")
    assert ter.delta < 0 and 0 < ter.p_value <= 1 and "bs:1000" in ter.signature
    report = json.loads((result.out_dir / "report.json").read_text(encoding="utf-8"))
    assert report["comparisons"][0]["kind"] == "enforcement"
