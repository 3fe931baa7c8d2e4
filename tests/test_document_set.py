"""The bundled set: manifest, provenance, gold alignments and planted differences."""
import tomllib
from datetime import date
from pathlib import Path

import pytest

from align.io import parse_text
from corpus.alignment import coverage_problem
from corpus.docset import load_set, record_files
from corpus.errors import InputError
from corpus.script import KAZAKH_LETTERS

# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("document_set")

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "astana-declaration-2025.ru.txt"


@pytest.fixture(scope="module")
def meta(set_dir):
    return tomllib.loads((set_dir / "meta.toml").read_text(encoding="utf-8"))


def test_source_is_the_seed_byte_for_byte(set_dir):
    if SEED.exists():
        assert (set_dir / "ru.txt").read_bytes() == SEED.read_bytes()
    assert len(load_set(set_dir).source()) == 118


def test_every_file_has_role_and_provenance(meta):
    for entry in meta["files"]:
        assert entry["role"] in ("source", "mt", "reference", "post-edit")
        assert entry["provenance"] and entry["engine"] and "post_edited" in entry
        if entry["role"] == "mt":
            assert entry["post_edited"] is False and entry["synthetic"] is True


@pytest.mark.parametrize("lang", ["en", "zh", "kk"])
def test_gold_covers_every_index_once(docset, lang):
    entry = next(e for e in docset.translations() if e.lang == lang)
    src, tgt = docset.source(), docset.read(entry)
    gold = parse_text(docset.gold_path(entry).read_text(encoding="utf-8"))
    assert coverage_problem(gold, len(src), len(tgt)) is None


@pytest.mark.parametrize("lang", ["en", "zh", "kk"])
def test_structural_differences_are_listed_and_match_gold(docset, meta, lang):
    entry = next(e for e in docset.translations() if e.lang == lang)
    raw = next(f for f in meta["files"] if f["lang"] == lang)
    gold = {(tuple(s), tuple(t)) for s, t in parse_text(docset.gold_path(entry).read_text(encoding="utf-8"))}
    changes = raw["structure"]
    assert len(changes) >= 8
    for change in changes:
        if change["kind"] == "signature layout":
            continue  # spans several links; checked below
        assert (tuple(change["ru"]), tuple(change["tgt"])) in gold, change
    signature = next(c for c in changes if c["kind"] == "signature layout")
    assert signature["ru"] == list(range(109, 115))
    sig_links = [(s, t) for s, t in gold if s and set(s) <= set(signature["ru"])]
    assert all(len(s) != 1 or len(t) != 1 for s, t in sig_links), "signature block must not be laid out 1-1"
    # gold has exactly the non-1-1 links the manifest lists
    listed = {(tuple(c["ru"]), tuple(c["tgt"])) for c in changes if c["kind"] != "signature layout"}
    listed |= set(sig_links)
    assert {(s, t) for s, t in gold if len(s) != 1 or len(t) != 1} == listed


def test_exactly_one_translation_misses_a_body_paragraph(meta):
    missing = [f["lang"] for f in meta["files"] for c in f.get("structure", []) if c["kind"] == "paragraph missing"]
    assert len(missing) == 1


@pytest.mark.parametrize("lang", ["en", "zh", "kk"])
def test_planted_term_deviations_are_in_the_text(docset, meta, lang):
    raw = next(f for f in meta["files"] if f["lang"] == lang)
    doc = docset.read(next(e for e in docset.translations() if e.lang == lang))
    source = docset.source()
    assert len(raw["term_deviations"]) >= 5
    for dev in raw["term_deviations"]:
        assert dev["used"] in doc.paragraphs[dev["tgt"]].text
        assert dev["expected"].strip('"') not in doc.paragraphs[dev["tgt"]].text
        assert source.paragraphs[dev["ru"]].text


def test_translations_are_in_their_script(docset):
    docs = {e.lang: docset.read(e) for e in docset.translations()}
    kk = "".join(docs["kk"].texts())
    assert sum(c in KAZAKH_LETTERS for c in kk) > 1000
    assert "，" in "".join(docs["zh"].texts()) and "。" in "".join(docs["zh"].texts())


def test_malformed_manifest_names_file_and_line(set_copy):
    meta = set_copy / "meta.toml"
    lines = meta.read_text(encoding="utf-8").split("\n")
    lines[3] = 'title = "unterminated'
    meta.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_set(set_copy)
    assert err.value.path == str(meta) and err.value.line == 4


def test_manifest_naming_a_missing_file(set_copy):
    (set_copy / "zh.txt").unlink()
    with pytest.raises(InputError, match="does not exist: zh.txt") as err:
        load_set(set_copy)
    assert err.value.line is not None


def test_manifest_with_unknown_role(set_copy):
    meta = set_copy / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('role = "mt"', 'role = "draft"', 1), encoding="utf-8")
    with pytest.raises(InputError, match="unknown role 'draft'"):
        load_set(set_copy)


def test_record_files_replaces_one_entry_and_keeps_the_rest(set_copy):
    meta = set_copy / "meta.toml"
    before = meta.read_text(encoding="utf-8")
    (set_copy / "en-pe.txt").write_text("Post-edited.\n", encoding="utf-8")
    record_files(set_copy, [{"path": "en-pe.txt", "lang": "en", "role": "post-edit", "post_edited": True,
                             "date": date(2026, 11, 25), "notes": 'quote " and backslash \\ kept'}])
    record_files(set_copy, [{"path": "en-pe.txt", "lang": "en", "role": "post-edit", "post_edited": True,
                             "notes": "second version"}])
    after = meta.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # comments and other entries byte for byte
    entries = [f for f in load_set(set_copy).files if f.path == "en-pe.txt"]
    assert len(entries) == 1 and entries[0].meta["notes"] == "second version"
    # an edit that would break the manifest never replaces it
    with pytest.raises(InputError):
        record_files(set_copy, [{"path": "absent.txt", "lang": "en", "role": "reference"}])
    assert meta.read_text(encoding="utf-8") == after


def test_record_files_starts_a_new_manifest(tmp_path):
    (tmp_path / "ru.txt").write_text("Текст.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Text.\n", encoding="utf-8")
    record_files(tmp_path, [{"path": "ru.txt", "lang": "ru", "role": "source"},
                            {"path": "en.txt", "lang": "en", "role": "mt", "engine": "hf"}],
                 head={"id": "new-set", "source_lang": "ru"})
    loaded = load_set(tmp_path)
    assert loaded.id == "new-set" and [f.role for f in loaded.files] == ["source", "mt"]


def test_concurrent_record_files_lose_no_entry(set_copy):
    """Two writers recording different files at once: both entries survive (no lost update)."""
    from concurrent.futures import ThreadPoolExecutor
    names = [f"extra-{i}.txt" for i in range(8)]
    for name in names:
        (set_copy / name).write_text("Text.\n", encoding="utf-8")
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda name: record_files(set_copy, [{"path": name, "lang": "en", "role": "reference"}]),
                      names))
    recorded = {f.path for f in load_set(set_copy).files}
    assert set(names) <= recorded
    assert not list(set_copy.glob(".meta.toml*"))  # no staging file left behind
