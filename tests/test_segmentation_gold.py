"""Segmentation against the hand-checked sentences of tests/data/segmentation-gold.txt, per profile."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus.languages import profile
from corpus.languages.segmentation import boundaries, read_gold

GOLD = read_gold((Path(__file__).parent / "data" / "segmentation-gold.txt").read_text(encoding="utf-8"))


def test_the_gold_covers_every_profile_and_two_unprofiled_languages():
    from corpus.languages import profiled_tags

    assert set(profiled_tags()) | {"ka", "hy"} == set(GOLD)


@pytest.mark.parametrize("lang", sorted(GOLD))
def test_sentence_boundaries_per_profile(lang):
    prof = profile(lang)
    found = wanted = right = 0
    for sentences in GOLD[lang]:
        want = boundaries(sentences)
        got = boundaries(prof.split_sentences(prof.join(sentences)))
        found, wanted, right = found + len(got), wanted + len(want), right + len(want & got)
    assert right == found  # no boundary where there is none: an abbreviation or initial never ends a sentence
    assert right >= 0.75 * wanted  # French "etc." at a sentence end is the one known miss
