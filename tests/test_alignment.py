"""Alignment format I/O, Vecalign scoring, the length baseline and multi-way rows."""
import json

import pytest

from align import align_documents
from align.io import format_text, parse_text, read_alignment, to_json
from align.length import LengthAligner
from align.score import score_alignment, score_alignments
from corpus.alignment import Alignment, Link, coverage_problem
from corpus.docset import load_set
from corpus.errors import InputError
from corpus.model import make_document
from corpus.rows import build_rows


def test_text_format_round_trips_with_deletions_and_insertions(tmp_path):
    text = "[0]:[0, 1]\n[1, 2]:[2]\n[3]:[]\n[]:[3]\n"
    pairs = parse_text(text)
    assert pairs == [((0,), (0, 1)), ((1, 2), (2,)), ((3,), ()), ((), (3,))]
    alignment = Alignment("ru", "en", [Link(s, t) for s, t in pairs])
    assert format_text(alignment) == text
    path = tmp_path / "a.json"
    path.write_text(to_json(alignment), encoding="utf-8")
    assert read_alignment(path).pairs() == pairs
    assert json.loads(path.read_text())["links"][0] == {"src": [0], "tgt": [0, 1], "score": 0.0, "confidence": 1.0}


def test_malformed_alignment_line_is_reported_with_its_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("[0]:[0]\n[1]-[1]\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_alignment(path)
    assert err.value.line == 2


@pytest.mark.parametrize(
    "pairs, n_src, n_tgt, problem",
    [
        ([((0,), (0,)), ((2,), (1,))], 3, 2, "should continue from 1"),
        ([((0,), (0,)), ((), ())], 1, 1, "empty on both sides"),
        ([((0,), (0,))], 2, 1, "the document has 2"),
    ],
)
def test_coverage_problems(pairs, n_src, n_tgt, problem):
    assert problem in coverage_problem(pairs, n_src, n_tgt)


def test_scores_follow_the_vecalign_definitions():
    gold = [((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3,), (3,))]
    test = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), ()), ((3,), (3,))]
    s = score_alignment(gold, test)
    # precision over 5 test links: 3 exact; (1)-(1) overlaps gold (1)-(1,2): lax; ()-(2) has no source: miss
    assert s.strict_precision == pytest.approx(3 / 5)
    assert s.lax_precision == pytest.approx(4 / 5)
    # recall over gold links with both sides (3): 2 exact, (1)-(1,2) lax only
    assert s.strict_recall == pytest.approx(2 / 3)
    assert s.lax_recall == pytest.approx(1.0)
    assert s.strict_f1 == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))
    pooled = score_alignments([gold, gold], [gold, test])
    assert pooled.strict_precision == pytest.approx((4 + 3) / (4 + 5))


def test_length_aligner_recovers_splits_and_merges_on_synthetic_lengths():
    src = ["a" * n for n in (120, 80, 300, 200, 220, 90)]
    # target: 1-1, 1-1, a 1-2 split, a 2-1 merge, 1-1
    tgt = ["b" * n for n in (118, 83, 150, 148, 425, 92)]
    links = LengthAligner().align(src, tgt)
    assert [(l.src, l.tgt) for l in links] == [
        ((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3, 4), (4,)), ((5,), (5,))]
    assert all(0.0 <= l.confidence <= 1.0 for l in links)


def test_length_aligner_handles_an_empty_side():
    links = LengthAligner().align(["x"] * 3, [])
    assert [(l.src, l.tgt) for l in links] == [((0,), ()), ((1,), ()), ((2,), ())]


@pytest.mark.parametrize("lang", ["en", "zh", "kk"])
def test_length_baseline_on_the_declaration(set_dir, lang):
    docset = load_set(set_dir)
    entry = next(e for e in docset.translations() if e.lang == lang)
    alignment = align_documents(docset.source(), docset.read(entry), method="length")
    gold = parse_text(docset.gold_path(entry).read_text(encoding="utf-8"))
    assert coverage_problem(alignment.pairs(), 118, len(docset.read(entry))) is None
    # The baseline is imperfect by design; the floor guards against regressions.
    assert score_alignment(gold, alignment.pairs()).strict_f1 >= 0.85


def test_sentence_level_alignment_uses_sentence_indices():
    src = make_document("t", "ru", ["Первое предложение. Второе предложение.", "Третье."])
    tgt = make_document("t", "en", ["First sentence. Second sentence.", "Third."])
    alignment = align_documents(src, tgt, level="sentence")
    assert alignment.level == "sentence"
    assert alignment.pairs() == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_multiway_rows_union_source_groups_and_keep_insertions_in_place():
    en = Alignment("ru", "en", [Link((0, 1), (0,)), Link((2,), (1,)), Link((), (2,)), Link((3,), (3,))])
    zh = Alignment("ru", "zh", [Link((0,), (0,)), Link((1,), (1,)), Link((2,), ()), Link((3,), (2, 3))])
    rows = build_rows(4, {"en": en, "zh": zh})
    assert [(r.src, r.tgt) for r in rows] == [
        ((0, 1), {"en": (0,), "zh": (0, 1)}),
        ((2,), {"en": (1,), "zh": ()}),
        ((), {"en": (2,)}),
        ((3,), {"en": (3,), "zh": (2, 3)}),
    ]
    assert rows[0].kinds == {"en": "2-1", "zh": "1-1+1-1"}
    assert "no-zh" in rows[1].flags() and "no-source" in rows[2].flags()
    assert [r.number for r in rows] == [0, 1, 2, 3]


def test_insertion_inside_a_row_merged_by_another_language_stays_in_order():
    en = Alignment("ru", "en", [Link((0,), (0,)), Link((), (1,)), Link((1,), (2,))])
    kk = Alignment("ru", "kk", [Link((0, 1), (0,))])
    (row,) = build_rows(2, {"en": en, "kk": kk})
    assert row.tgt == {"en": (0, 1, 2), "kk": (0,)}
    assert row.kinds["en"] == "1-1+0-1+1-1"


def test_alignment_json_with_non_integer_indices_is_refused(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"links": [{"src": [0.0], "tgt": [0]}]}', encoding="utf-8")
    with pytest.raises(InputError, match="non-negative integers"):
        read_alignment(path)
