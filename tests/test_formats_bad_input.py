"""Bad documents: one line naming the file (and line or unit), exit 2, no traceback, nothing written."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from formats_support import RU_PARAGRAPHS, EN_PARAGRAPHS, pdf_pages, sample_docx
from tilmash.cli import main

BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
EXTERNAL = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def _fails(args: list[str], capsys, *needles: str) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("tilmash: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err
    return err


def _align(tmp_path: Path, bad: Path, out: Path | None = None) -> list[str]:
    good = tmp_path / "good.txt"
    good.write_text("\n\n".join(EN_PARAGRAPHS) + "\n", encoding="utf-8")
    return ["align", str(bad), str(good), "--src-lang", "ru", "--tgt-lang", "en", "--method", "length",
            "-o", str(out or tmp_path / "out.json")]


def test_password_protected_docx(tmp_path, capsys):
    import msoffcrypto.format.ooxml

    plain = sample_docx(tmp_path / "plain.docx")
    protected = tmp_path / "protected.docx"
    with open(plain, "rb") as source, open(protected, "wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("secret", target)
    _fails(_align(tmp_path, protected), capsys, "protected.docx", "password-protected")
    assert not (tmp_path / "out.json").exists()


def test_corrupt_docx_and_pdf(tmp_path, capsys):
    data = sample_docx(tmp_path / "ok.docx").read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(data[: len(data) // 2])
    _fails(_align(tmp_path, truncated), capsys, "truncated.docx", "corrupt DOCX")
    not_zip = tmp_path / "renamed.docx"
    not_zip.write_text("Это простой текст, а не документ Word.", encoding="utf-8")
    _fails(_align(tmp_path, not_zip), capsys, "renamed.docx", "not a ZIP package")
    pdf = pdf_pages(tmp_path / "ok.pdf", [RU_PARAGRAPHS]).read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf[:200] + b"\x00garbage" * 50)
    _fails(_align(tmp_path, broken), capsys, "broken.pdf", "PDF")
    assert not (tmp_path / "out.json").exists()


def test_encrypted_and_scanned_pdf(tmp_path, capsys):
    encrypted = pdf_pages(tmp_path / "encrypted.pdf", [RU_PARAGRAPHS], encrypt="secret")
    _fails(_align(tmp_path, encrypted), capsys, "encrypted.pdf", "encrypted PDF")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from formats_support import png

    scanned = tmp_path / "scanned.pdf"
    pdf = canvas.Canvas(str(scanned), pagesize=A4)
    pdf.drawImage(str(png(tmp_path / "scan.png")), 72, 400, width=400, height=300)
    pdf.showPage()
    pdf.save()
    _fails(_align(tmp_path, scanned), capsys, "scanned.pdf", "scanned PDF", "run OCR first")


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _docx_members(tmp_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(sample_docx(tmp_path / "base.docx")) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_docx_zip_bomb_is_refused_before_inflating(tmp_path, capsys, monkeypatch):
    members = _docx_members(tmp_path)
    bomb = _zip(tmp_path / "bomb.docx", members | {"word/media/padding.bin": b"\0" * (17 * 1024 * 1024)})
    _fails(_align(tmp_path, bomb), capsys, "bomb.docx", "zip bomb")
    monkeypatch.setenv("TILMASH_MAX_UNPACKED_BYTES", str(64 * 1024))
    big = _zip(tmp_path / "big.docx", members | {"word/media/photo.bin": bytes(range(256)) * 1024})
    _fails(_align(tmp_path, big), capsys, "big.docx", "limit 65,536 bytes")


@pytest.mark.parametrize("doctype", [BILLION_LAUGHS, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_xml_entities_are_refused_in_docx_xliff_and_html(tmp_path, capsys, doctype):
    members = _docx_members(tmp_path)
    document = members["word/document.xml"].decode()
    head, rest = document.split("?>", 1)
    members["word/document.xml"] = (head + "?>" + doctype + rest.replace("Астана", "&lol3;&secret;")).encode()
    docx_path = _zip(tmp_path / "entities.docx", members)
    err = _fails(_align(tmp_path, docx_path), capsys, "entities.docx", "word/document.xml", "declares XML entities")
    assert "root:" not in err  # nothing of /etc/passwd is ever read
    xliff = tmp_path / "entities.xlf"
    xliff.write_text(f'<?xml version="1.0"?>{doctype}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                     '<file source-language="ru" target-language="en" datatype="plaintext" original="a"><body>'
                     '<trans-unit id="1"><source>Астана &lol3;&secret;</source></trans-unit></body></file></xliff>',
                     encoding="utf-8")
    _fails(_align(tmp_path, xliff), capsys, "entities.xlf:1", "declares XML entities")
    html = tmp_path / "entities.html"
    html.write_text(f'{doctype}<html><body><p>{RU_PARAGRAPHS[0]} &lol3;&secret;</p></body></html>', encoding="utf-8")
    _fails(_align(tmp_path, html), capsys, "entities.html:1", "declares XML entities")


def test_html_in_a_legacy_encoding_with_a_wrong_meta_charset(tmp_path, capsys):
    page = (f'<html><head><meta charset="utf-8"></head><body>\n<p>{RU_PARAGRAPHS[0]}</p>\n'
            f'<p>{RU_PARAGRAPHS[1]}</p></body></html>')
    wrong = tmp_path / "wrong.html"
    wrong.write_bytes(page.encode("cp1251"))
    _fails(_align(tmp_path, wrong), capsys, "wrong.html:2", "declares charset utf-8", "cp1251", "<meta charset>")
    latin = tmp_path / "latin.html"
    latin.write_bytes(page.replace("utf-8", "iso-8859-1").encode("cp1251"))
    _fails(_align(tmp_path, latin), capsys, "latin.html", "declares charset iso-8859-1",
           "reads as garbage", "cp1251")


def test_srt_with_broken_timings(tmp_path, capsys):
    broken = tmp_path / "broken.srt"
    broken.write_text("1\n00:00:01,000 --> 00:00:04,000\nЛидеры встретились.\n\n2\n00:00:05,000 --> 00:00:0X,500\n"
                      "Стороны договорились.\n", encoding="utf-8")
    _fails(_align(tmp_path, broken), capsys, "broken.srt:6", "broken cue timing")
    backwards = tmp_path / "backwards.srt"
    backwards.write_text("1\n00:00:09,000 --> 00:00:04,000\nЛидеры встретились.\n", encoding="utf-8")
    _fails(_align(tmp_path, backwards), capsys, "backwards.srt:2", "ends before it starts")


def test_xliff_with_a_mismatched_source_language(tmp_path, capsys):
    from translate.storage.xliff import xlifffile

    store = xlifffile(sourcelanguage="en", targetlanguage="ru")
    store.addsourceunit(EN_PARAGRAPHS[0]).settarget(RU_PARAGRAPHS[0])
    path = tmp_path / "en-ru.xlf"
    path.write_bytes(bytes(store))
    _fails(_align(tmp_path, path), capsys, "en-ru.xlf:3", "source-language is 'en'", "declared 'ru'")


def test_new_set_with_one_bad_file_writes_nothing(tmp_path, capsys):
    source = sample_docx(tmp_path / "ru.docx")
    bad = tmp_path / "en.srt"
    bad.write_text("1\n00:00:05,000 --> 00:00:01,000\nThe leaders met.\n", encoding="utf-8")
    set_dir = tmp_path / "set"
    _fails(["new", str(set_dir), "--source", str(source), "--translation", f"{bad}:en"], capsys, "en.srt:2")
    assert not set_dir.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["en.srt", "ru.docx"]
