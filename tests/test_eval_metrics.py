"""sacrebleu metrics through the Russian pivot, HTER against a post-edit, paired bootstrap, `tilmash score`."""
from __future__ import annotations

import json

import pytest

from corpus.docset import record_files
from sacrebleu.significance import PairedTest

from eval.metrics import METRICS, Row, make_metric, paired_bootstrap, score_rows
from tilmash.cli import main
from tilmash.pipeline import run
from tilmash.report import report_from_output
from tilmash.score import score_set


def _post_edit(set_copy, merge: bool = False) -> int:
    """A post-edit of en.txt made here: three paragraphs reworded (and two merged when asked); labelled synthetic.
    Returns how many paragraphs the edit changed."""
    paragraphs = (set_copy / "en.txt").read_text(encoding="utf-8").strip().split("\n\n")
    edited = 0
    for k in (20, 40, 60):
        before = paragraphs[k]
        paragraphs[k] = paragraphs[k].replace("The Sides", "The Parties").replace(" and ", " as well as ")
        edited += paragraphs[k] != before
    if merge:
        paragraphs[30:32] = [paragraphs[30] + " " + paragraphs[31]]
    (set_copy / "en.pe.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    record_files(set_copy, [{"path": "en.pe.txt", "lang": "en", "role": "post-edit", "synthetic": True,
                             "provenance": "en.txt with a few paragraphs edited by a test, standing in for a"
                                           " human post-edit"}])
    return edited


@pytest.mark.parametrize("merge", [False, True])
def test_hter_against_a_post_edit_aligned_through_the_pivot(set_copy, merge):
    edited = _post_edit(set_copy, merge)
    result = score_set(set_copy, method="length")
    en = next(t for t in result.translations if t.lang == "en")
    (ref,) = en.references
    assert ref.role == "post-edit" and ref.reference == "en.pe.txt"
    assert 0 < ref.hter < 5 and ref.scores["BLEU"].score > 85
    assert "tok:13a" in ref.scores["BLEU"].signature and "nw:2" in ref.scores["chrF++"].signature
    # the system score is corpus-level BLEU; the per-row scores are sentence BLEU, and say so
    assert "eff:no" in ref.scores["BLEU"].signature and "eff:yes" in ref.scores["BLEU"].row_signature
    # paragraphing differs when merged, yet every row pairs MT text with post-edit text, and only the rows the
    # edit touched cost anything
    assert edited == 3 and all(row.hypothesis and row.reference for row in ref.rows)
    assert sum(1 for s in ref.scores["TER"].rows if s) == edited
    (enforcement,) = result.comparisons
    assert enforcement.kind == "enforcement" and enforcement.reference == "en.pe.txt"
    assert all(c.ci_low <= c.delta <= c.ci_high and 0 < c.p_value <= 1 for c in enforcement.metrics)
    assert all("bs:1000" in c.signature for c in enforcement.metrics)


def _second_system(set_copy) -> None:
    """en-degraded.txt: en.txt with every third word of every other paragraph dropped, labelled synthetic."""
    paragraphs = (set_copy / "en.txt").read_text(encoding="utf-8").strip().split("\n\n")
    worse = [" ".join(w for k, w in enumerate(p.split()) if k % 3) if i % 2 == 0 and len(p.split()) > 6 else p
             for i, p in enumerate(paragraphs)]
    (set_copy / "en-degraded.txt").write_text("\n\n".join(worse) + "\n", encoding="utf-8")
    record_files(set_copy, [{"path": "en-degraded.txt", "lang": "en", "role": "mt", "synthetic": True,
                             "provenance": "en.txt with every third word of every other paragraph dropped by a"
                                           " test, a stand-in for a worse second MT system"}])


def test_two_systems_of_one_language_are_compared_on_the_bundled_post_edit(set_copy):
    _second_system(set_copy)
    result = score_set(set_copy, method="length")
    by_system = {t.system: t for t in result.translations}
    assert set(by_system) == {"en", "en-degraded", "zh", "kk"} and by_system["en-degraded"].lang == "en"
    # the bundled post-edit names en.txt as the MT it post-edits: HTER for en, a plain reference for the other
    assert [r.role for r in by_system["en"].references] == ["post-edit"] and by_system["en"].references[0].hter < 5
    assert [r.role for r in by_system["en-degraded"].references] == ["reference"]
    (systems,) = [c for c in result.comparisons if c.kind == "systems"]
    assert (systems.metrics[0].baseline, systems.metrics[0].system, systems.reference) == ("en", "en-degraded",
                                                                                           "en.pe.txt")
    by_metric = {c.metric: c for c in systems.metrics}
    assert by_metric["BLEU"].delta < -10 and by_metric["BLEU"].ci_high < 0 and by_metric["BLEU"].p_value < 0.05
    assert by_metric["TER"].delta > 5 and by_metric["TER"].ci_low > 0  # lower TER is better: B is worse
    assert all(c.ci_low <= c.delta <= c.ci_high for c in systems.metrics)
    assert {c.metrics[0].baseline for c in result.comparisons if c.kind == "enforcement"} == {"en", "en-degraded"}


def test_chinese_uses_the_zh_tokeniser(docset):
    zh = docset.read(next(e for e in docset.translations() if e.lang == "zh")).texts()[10:30]
    scores = score_rows([Row((i,), t.replace("各方", "双方"), t) for i, t in enumerate(zh)], "zh")
    assert "tok:zh" in scores.scores["BLEU"].signature and "asian:yes" in scores.scores["TER"].signature
    # one word changed in most rows: with 13a (a Chinese paragraph is one token) BLEU would be 0, and TER
    # without asian support about 80
    assert scores.scores["BLEU"].score > 90 and 0 < scores.scores["TER"].score < 5


def test_paired_bootstrap_sees_a_real_difference_and_not_a_null_one(docset):
    en = docset.read(docset.translations()[0]).texts()[:60]
    worse = [t.replace("the ", "") if k % 2 else t for k, t in enumerate(en)]
    comparisons = paired_bootstrap(en, worse, en, "en")
    bleu = comparisons[0]
    assert bleu.delta < 0 and bleu.ci_high < 0 and bleu.p_value < 0.05
    # the scores and p-values are sacrebleu's own, from the same seed
    metrics = {name: make_metric(name, "en") for name in METRICS}
    _, expected = PairedTest([("A", en), ("B", worse)], metrics, [en], test_type="bs", n_samples=1000)()
    for c, key in zip(comparisons, [k for k in expected if k != "System"]):
        assert (c.baseline_score, c.system_score, c.p_value) == (expected[key][0].score, expected[key][1].score,
                                                                 expected[key][1].p_value)
    # sacrebleu takes seed 0 as "unseeded": its resamples cannot be replayed, and that is refused, not reported
    with pytest.raises(RuntimeError, match="did not draw the paired bootstrap resamples"):
        paired_bootstrap(en, worse, en, "en", seed=0)
    same = paired_bootstrap(en, en, en, "en")
    assert all(c.delta == 0 and c.ci_low == c.ci_high == 0 and c.p_value == 1 for c in same)


def test_bad_translations_are_reported_not_fatal(set_copy):
    (set_copy / "en.txt").write_text("", encoding="utf-8")  # empty MT
    (set_copy / "kk.txt").write_bytes(b"\x00\x01binary")  # unreadable
    (set_copy / "zh.txt").write_text((set_copy / "ru.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = score_set(set_copy, method="length")
    by_lang = {t.lang: t for t in result.translations}
    assert by_lang["en"].quality is None and "empty document" in by_lang["en"].problems[0]
    assert by_lang["kk"].quality is None and "not a text file" in by_lang["kk"].problems[0]
    # MT in the wrong language (Russian under zh.txt) is refused by the reader with its reason;
    # a single paragraph in the wrong language is a per-link flag (tests/test_eval_checks.py)
    assert by_lang["zh"].quality is None and "looks Russian" in by_lang["zh"].problems[0]


def test_an_unreadable_reference_is_reported_and_the_rest_scored(set_copy):
    (set_copy / "en.pe.txt").write_bytes(b"\x00\x01binary")
    result = score_set(set_copy, method="length")
    assert [p for p in result.problems if p.startswith("cannot score en.pe.txt") and "not a text file" in p]
    en = next(t for t in result.translations if t.lang == "en")
    assert en.quality is not None and not en.references and not result.comparisons
    assert any("no reference or post-edit for en" in p for p in en.problems)


def test_tilmash_score_cli(set_copy, tmp_path, capsys):
    out = tmp_path / "score.json"
    assert main(["score", str(set_copy), "--method", "length", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [t["lang"] for t in data["translations"]] == ["en", "zh", "kk"]
    assert all(0 <= t["quality"]["score"] <= 100 for t in data["translations"])
    assert main(["score", str(tmp_path / "nope")]) == 2
    assert "document set directory not found" in capsys.readouterr().err


def test_pivot_rows_keep_paragraphs_only_one_side_has(docset):
    """A paragraph the MT added (no Russian counterpart) sits in a row of its own: it is kept as a
    hypothesis without reference, never a crash."""
    from corpus.alignment import Alignment, Link
    from corpus.model import make_document
    from eval.metrics import pivot_rows
    mt = make_document("t", "en", ["One.", "Added line.", "Two."])
    ref = make_document("t", "en", ["One!", "Two!"])
    mt_alignment = Alignment("ru", "en", [Link((0,), (0,)), Link((), (1,)), Link((1,), (2,))])
    ref_alignment = Alignment("ru", "en", [Link((0,), (0,)), Link((1,), (1,))])
    rows = pivot_rows(2, mt, mt_alignment, ref, ref_alignment)
    assert [(r.hypothesis, r.reference) for r in rows] == [("One.", "One!"), ("Added line.", ""), ("Two.", "Two!")]
    # a passage both added at the same place (a disclaimer the post-edit kept) is one row, not two
    ref = make_document("t", "en", ["One!", "Added line!", "Two!"])
    rows = pivot_rows(2, mt, mt_alignment, ref, mt_alignment)
    assert [(r.src, r.hypothesis, r.reference) for r in rows] == [((0,), "One.", "One!"), ((), "Added line.",
                                                                  "Added line!"), ((1,), "Two.", "Two!")]


def test_run_and_report_carry_two_systems_and_their_comparisons(set_copy, tmp_path):
    _second_system(set_copy)
    result = run(set_copy, tmp_path / "out", method="length", show_progress=False)
    assert list(result.pairs) == ["en", "zh", "kk", "en-degraded"]
    files = set(result.files)
    assert {"align/ru-en.txt", "align/ru-en-degraded.txt", "corpus/moses/ru-en.en", "corpus/moses/ru-en-degraded.en",
            "enforced/en-degraded.txt", "quality/comparisons.json"} <= files
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["pairs"]["ru-en-degraded"]["system"] == "en-degraded"
    assert report["pairs"]["ru-en-degraded"]["tgt_lang"] == "en"
    hter = [m for m in report["pairs"]["ru-en"]["metrics"] if m["metric"] == "HTER"]
    assert len(hter) == 1 and "tok:tercom" in hter[0]["signature"]
    (systems,) = [c for c in report["comparisons"] if c["kind"] == "systems"]
    bleu = next(m for m in systems["metrics"] if m["metric"] == "BLEU")
    assert bleu["delta"] < 0 and 0 < bleu["p_value"] < 0.05 and "bs:1000" in bleu["signature"]
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "## Comparisons" in markdown and "B = en-degraded, A = en" in markdown
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert 'id="comparisons"' in html and 'id="pair-en-degraded"' in html and 'id="pair-en"' in html
    tmx = (tmp_path / "out" / "corpus" / "astana-2025.tmx").read_text(encoding="utf-8")
    assert 'xml:lang="en-degraded"' not in tmx and '<prop type="x-system">en-degraded</prop>' in tmx
    # re-rendered from the run's files alone, the comparisons come back
    assert report_from_output(tmp_path / "out")["comparisons"] == report["comparisons"]


def test_a_reviewed_alignment_recorded_with_a_post_edit_is_used_not_realigned(set_copy):
    """A review export records the corrected alignment beside the post-edit; from then on it is the set's
    alignment for that file (the length aligner alone would not reproduce it), and one that does not fit
    the documents is a clear error."""
    from align import make_aligner
    from align.io import parse_text
    from corpus.docset import load_set
    from corpus.errors import InputError
    from tilmash.session import Session
    record_files(set_copy, [{"path": "en.pe.txt", "lang": "en", "role": "post-edit", "of": "en.txt",
                             "alignment": "gold/ru-en.txt", "synthetic": True,
                             "provenance": "test: the bundled post-edit with the gold alignment as its reviewed one"}])
    docset = load_set(set_copy)
    entry = next(e for e in docset.files if e.path == "en.pe.txt")
    source, doc = docset.source(), docset.read(entry)
    gold = parse_text((set_copy / "gold" / "ru-en.txt").read_text(encoding="utf-8"))
    aligner = make_aligner("length")
    assert [(l.src, l.tgt) for l in aligner.align(source.texts(), doc.texts())] != gold  # realigning differs
    (aligned,) = Session(docset, method="length").references
    assert aligned.entry == entry and aligned.alignment.pairs() == gold
    (set_copy / "gold" / "ru-en.txt").write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(InputError, match="reviewed alignment does not fit"):
        _ = Session(load_set(set_copy), method="length").references


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", ["BLEU", "chrF++", "TER"])
def test_memoised_metrics_score_and_sign_exactly_as_sacrebleu(docset, lang, name):
    """The report's metrics memoise sacrebleu's segment statistics; on the bundled texts (hypotheses against
    the English post-edit, and Chinese against itself shifted) they must give sacrebleu's numbers and
    signatures, also from a fresh metric object that the memo serves entirely, and for paired tests."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    from eval.metrics import make_metric

    if lang == "en":
        hyps = docset.read(docset.systems()["en"]).texts()[:40]
        refs = docset.read(next(e for e in docset.files if e.path == "en.pe.txt")).texts()[:40]
    else:
        texts = sorted(docset.read(docset.systems()["zh"]).texts(), key=len)[:9]  # the shift search is cubic
        hyps, refs = texts[1:], texts[:-1]
    plain = {"BLEU": lambda sentence: BLEU(tokenize="zh" if lang == "zh" else "13a", effective_order=sentence),
             "chrF++": lambda sentence: CHRF(word_order=2),
             "TER": lambda sentence: TER(asian_support=True, normalized=True) if lang == "zh" else TER()}[name]
    for _ in range(2):  # the second pass is served from the memo, by new objects too
        ours, theirs = make_metric(name, lang), plain(False)
        assert ours.corpus_score(hyps, [refs]).score == theirs.corpus_score(hyps, [refs]).score
        assert str(ours.get_signature()) == str(theirs.get_signature())
        ours, theirs = make_metric(name, lang, sentence=True), plain(True)
        assert [ours.sentence_score(h, [r]).score for h, r in zip(hyps, refs)] == \
               [theirs.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
        assert str(ours.get_signature()) == str(theirs.get_signature())
    other = refs[:len(refs) // 2] + hyps[len(hyps) // 2:]  # a second system: half of it post-edited
    ours_paired = PairedTest([("a", hyps), ("b", other)], {name: make_metric(name, lang)}, [refs], "bs", 50)()
    theirs_paired = PairedTest([("a", hyps), ("b", other)], {name: plain(False)}, [refs], "bs", 50)()
    assert [str(s) for s in ours_paired[0].values()] == [str(s) for s in theirs_paired[0].values()]
    assert [(r.score, r.p_value) for r in list(ours_paired[1].values())[1]] == \
           [(r.score, r.p_value) for r in list(theirs_paired[1].values())[1]]