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
