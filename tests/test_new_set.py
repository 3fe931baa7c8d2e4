"""`tilmash new` and the commands that take documents in any format."""
from __future__ import annotations

import hashlib
import json
import tomllib

from corpus.docset import load_set
from formats_support import EN_PARAGRAPHS, RU_PARAGRAPHS, sample_docx
from tilmash.cli import main


def _html(tmp_path, paragraphs=EN_PARAGRAPHS):
    path = tmp_path / "published.html"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(f'<html><head><meta charset="utf-8"><title>t</title></head><body><h1>Astana Declaration</h1>'
                    f'{body}<table><tr><td>Country</td><td>Capital</td></tr></table></body></html>', encoding="utf-8")
    return path


def test_new_set_from_docx_and_html(tmp_path, capsys):
    source = sample_docx(tmp_path / "декларация.docx", image_dir=tmp_path)
    html = _html(tmp_path)
    machine = tmp_path / "machine.html"
    machine.write_bytes(html.read_bytes().replace(b"stressed", b"underlined"))
    set_dir = tmp_path / "sets" / "astana"
    assert main(["new", str(set_dir), "--source", str(source), "--translation", f"{html}:en:human",
                 "--translation", str(machine), "--title", "Astana test"]) == 0
    err = capsys.readouterr().err
    assert "декларация.docx -> ru.txt (docx; ru guessed from its script; role source; 9 segments;" \
           " skipped: 1 comment, 1 image)" in err
    assert "published.html -> en.txt (html; en given; role human" in err
    assert "machine.html -> en-machine.txt (html; en guessed from its script; role mt" in err
    meta = tomllib.loads((set_dir / "meta.toml").read_text(encoding="utf-8"))
    assert meta["set"] == {"id": "astana", "title": "Astana test", "source_lang": "ru"}
    ru, en, mt = meta["files"]
    assert ru["original"] == "originals/декларация.docx" and ru["original_format"] == "docx"
    assert ru["original_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert ru["skipped"] == {"comment": 1, "image": 1} and ru["skipped_at"] == {"comment": ["p4"], "image": ["p5"]}
    assert ru["segments"] == {"heading": 1, "paragraph": 2, "list-item": 1, "table-cell": 4, "footnote": 1}
    assert ru["language"] == "guessed from its script" and en["language"] == "given"
    assert (en["role"], mt["role"]) == ("human", "mt") and en["original"] == "originals/published.html"
    assert sorted(p.name for p in (set_dir / "originals").iterdir()) == ["machine.html", "published.html",
                                                                         "декларация.docx"]
    docset = load_set(set_dir)
    assert list(docset.systems()) == ["en", "en-machine"]
    assert docset.source().paragraphs[1].text.startswith("Лидеры {1}государств{/1}")
    assert main(["new", str(set_dir), "--source", str(source), "--translation", str(html)]) == 2
    assert "refusing to overwrite a set" in capsys.readouterr().err


def test_a_set_of_human_translations_only_is_aligned_and_exported(tmp_path, capsys):
    source = tmp_path / "ru.txt"
    source.write_text("\n\n".join(RU_PARAGRAPHS) + "\n", encoding="utf-8")
    set_dir = tmp_path / "set"
    assert main(["new", str(set_dir), "--source", str(source), "--translation", f"{_html(tmp_path)}:en:human"]) == 0
    out = tmp_path / "out"
    assert main(["export", str(set_dir), "--out", str(out), "--method", "length", "--level", "paragraph"]) == 0
    manifest = json.loads((out / "export.json").read_text(encoding="utf-8"))
    assert manifest["translations"][0]["role"] == "human"
    assert (out / "corpus" / "ru-en.tsv").read_text(encoding="utf-8").count("\n") == 1 + len(
        (out / "align" / "ru-en.txt").read_text(encoding="utf-8").splitlines())


def test_a_translation_memory_becomes_a_pre_aligned_set(tmp_path, capsys):
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="ru", targetlanguage="en")
    for ru, en in zip(RU_PARAGRAPHS, EN_PARAGRAPHS):
        store.addtranslation(ru, "ru", en, "en")
    store.addtranslation("Только по-русски, без перевода.", "ru", "", "en")
    memory = tmp_path / "memory.tmx"
    memory.write_bytes(bytes(store))
    set_dir = tmp_path / "set"
    assert main(["new", str(set_dir), "--source", str(memory), "--translation", f"{memory}:en:reference"]) == 0
    assert "pre-aligned by the file (align/ru-en.txt)" in capsys.readouterr().err
    assert (set_dir / "align" / "ru-en.txt").read_text(encoding="utf-8").split() == ["[0]:[0]", "[1]:[1]", "[2]:[2]",
                                                                                     "[3]:[]"]
    out = tmp_path / "out"
    assert main(["export", str(set_dir), "--out", str(out), "--method", "length", "--level", "paragraph"]) == 0
    manifest = json.loads((out / "export.json").read_text(encoding="utf-8"))
    assert manifest["translations"][0]["alignment"] == "reviewed"


def test_align_and_glossary_check_read_documents_in_any_format(tmp_path, capsys):
    source = sample_docx(tmp_path / "ru.docx")
    target = _html(tmp_path)
    out = tmp_path / "links.txt"
    assert main(["align", str(source), str(target), "--src-lang", "ru", "--tgt-lang", "en", "--method", "length",
                 "--format", "text", "-o", str(out)]) == 0
    links = out.read_text(encoding="utf-8").split("\n")
    assert links[0].startswith("[0]") and sum(1 for line in links if line) >= 5
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("id\tru\tru_variants\tru_forbidden\ten\ten_variants\ten_forbidden\tnote\n"
                        "c1\tАстана\t\t\tAstana\t\t\t\n", encoding="utf-8")
    report = tmp_path / "terms.json"
    assert main(["glossary", "check", "--glossary", str(glossary), str(source), str(target), "--src-lang", "ru",
                 "--tgt-lang", "en", "--method", "length", "-o", str(report)]) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["occurrences"] >= 1


def test_readme_path_from_docx_and_html_to_a_reviewed_xliff(tmp_path):
    """The README's "Bring your own documents" example: a set from a DOCX and an HTML page, a review
    export with decisions, and the reviewed XLIFF made from it, read back by translate-toolkit."""
    from translate.storage.xliff import xlifffile

    from align import align_documents
    from align.io import read_alignment
    from corpus.export.xliff import export_xliff
    from tilmash.new import FileSpec, new_set
    from tilmash.review.exports import write_export
    from tilmash.review.view import link_key

    set_dir = tmp_path / "decl"
    new_set(set_dir, FileSpec(sample_docx(tmp_path / "declaration.docx"), None, "source"),
            [FileSpec(_html(tmp_path), "en", "human")])
    docset = load_set(set_dir)
    source, (entry,) = docset.source(), docset.translations()
    translation = docset.read(entry)
    alignment = align_documents(source, translation, method="length")
    decisions = {link_key(alignment.links[0]): "approved", link_key(alignment.links[1]): "rejected"}
    export = tmp_path / "review" / "exports" / "first"
    write_export(export, docset, source, {"en": translation}, {"en": alignment}, {"en": decisions}, {}, {})

    # -- as in the README --
    reviewed = read_alignment(export / "align" / "ru-en.json")
    lines = (export / "corpus" / "ru-en.tsv").read_text(encoding="utf-8").splitlines()[1:]
    statuses = [line.rsplit("\t", 1)[1] for line in lines]
    export_xliff(tmp_path / "decl.ru-en.xlf", reviewed, source, docset.read(entry), statuses=statuses)

    units = xlifffile.parsestring((tmp_path / "decl.ru-en.xlf").read_bytes()).units
    assert len(units) == len(alignment.links)
    assert units[0].isapproved() and units[0].target_dom.get("state") == "final"
    assert units[1].target_dom.get("state") == "needs-translation"
    assert {u.target_dom.get("state") for u in units[2:] if u.target_dom is not None} <= {"needs-review-translation"}


def test_a_manifest_may_list_a_document_in_another_format_with_its_reader_options(tmp_path):
    from corpus.docset import record_files

    set_dir = tmp_path / "set"
    set_dir.mkdir()
    (set_dir / "ru.txt").write_text("\n".join(RU_PARAGRAPHS) + "\n", encoding="utf-8")
    sample_docx(set_dir / "en.docx", EN_PARAGRAPHS)
    record_files(set_dir, [{"path": "ru.txt", "lang": "ru", "role": "source", "reader_options": {"layout": "lines"}},
                           {"path": "en.docx", "lang": "en", "role": "human"}],
                 head={"id": "s", "source_lang": "ru"})
    docset = load_set(set_dir)
    assert docset.source().texts() == RU_PARAGRAPHS  # one segment per line, as the manifest says
    (entry,) = docset.translations()
    assert docset.read(entry).format == "docx" and docset.read(entry).paragraphs[0].kind == "heading"
    text = (set_dir / "meta.toml").read_text(encoding="utf-8")
    (set_dir / "meta.toml").write_text(text.replace('layout = "lines"', 'layout = "pages"'), encoding="utf-8")
    import pytest

    from corpus.errors import InputError

    with pytest.raises(InputError, match="reader option layout = 'pages'"):
        load_set(set_dir)
