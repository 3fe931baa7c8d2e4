"""The corpus build's consistency counts: a source that documents of one system translate differently, and one
translation given to different sources, counted across the corpus in manifest.json and stats.md."""
from __future__ import annotations

from builder_support import build_documents, manifest

TALKS = ("Стороны обсудили торговлю и транспорт между двумя странами.",
         "The sides discussed trade and transport between the two countries.")
SIGNED = ("Делегации подписали соглашение о сотрудничестве в области энергетики.",
          "The delegations signed an agreement on cooperation in energy.")
NEXT = ("Следующая встреча пройдёт осенью в другом городе региона.",
        "The next meeting will take place in autumn in another city of the region.")


def _build(tmp_path, documents):
    out = build_documents(tmp_path, documents, "[confidence]\nmin = 0\n")
    return manifest(out), (out / "stats.md").read_text(encoding="utf-8")


def test_a_corpus_counts_sources_translated_differently_and_shared_translations(tmp_path):
    reworded = (TALKS[0], "The parties discussed trade and transport between the two countries.")
    respelt = (SIGNED[0].upper(), SIGNED[1].rstrip("."))  # a near duplicate, dropped: kept rows are counted
    other_source = (NEXT[0].replace("осенью", "весной"), NEXT[1])  # a translation left from another source
    found, stats = _build(tmp_path, [[TALKS, SIGNED, NEXT], [reworded, respelt], [other_source]])
    (pair,) = found["pairs"]
    assert pair["rows"] == 5 and pair["dropped"] == {"near_duplicate": 1}
    assert (pair["inconsistent_sources"], pair["shared_translations"]) == (1, 1)
    assert "| paragraph | ru-en | 1 | 1 |" in stats


def test_a_consistent_corpus_counts_none(tmp_path):
    found, _ = _build(tmp_path, [[TALKS, SIGNED], [TALKS, NEXT]])
    (pair,) = found["pairs"]
    assert (pair["inconsistent_sources"], pair["shared_translations"]) == (0, 0)
