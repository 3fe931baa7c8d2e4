"""Every reader on files made by the libraries people's tools use: segments, kinds, places, placeholders,
what was skipped; and the text written back into DOCX, HTML and XLIFF, read back by another parser."""
from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from corpus.errors import InputError
from corpus.export.original import export_original
from corpus.formats import FORMATS, reader_for
from corpus.formats.placeholders import TaggedText, placeholder_problems, strip_placeholders
from corpus.reader import read_document
from formats_support import (EN_PARAGRAPHS, RU_PARAGRAPHS, W_NS, add_tracked_change, pdf_pages, sample_docx,
                             wrap)


def test_every_format_is_registered_with_its_extensions():
    assert {"txt", "docx", "html", "pdf", "xliff", "po", "srt", "vtt", "md", "tmx"} <= set(FORMATS.names())
    assert reader_for("a.DOCX").name == "docx" and reader_for("a.xlf").name == "xliff"
    assert reader_for("a.ru").name == "txt"  # a Moses file: anything unknown is plain text


def test_placeholders_number_above_literal_braces_and_drop_empty_spans():
    out = TaggedText()
    out.text("Format {1} and ")
    local = out.open("bold")
    out.text("bold")
    out.close(local)
    empty = out.open("italic")
    out.close(empty)
    out.standalone("line break")
    built = out.build()
    assert built.text == "Format {1} and {2}bold{/2}{3/}"  # {1} is literal text, so tags start at 2
    assert built.tags == {2: "bold", 3: "line break"}
    assert strip_placeholders(built.text, built.tags) == "Format {1} and bold"
    assert placeholder_problems("{2}жирный{/2}{3/}", built.tags) == []
    assert placeholder_problems("{2}жирный", built.tags) == ["{2} is never closed", "placeholder 3 is missing"]


def test_plain_text_lines_layout_and_the_warning_for_a_line_per_sentence_file(tmp_path, capsys):
    path = tmp_path / "flores.en"
    path.write_text("\n".join(f"Sentence number {n} of the test set." for n in range(10)) + "\n", encoding="utf-8")
    doc = read_document(path, "en")
    assert len(doc) == 1
    warning = capsys.readouterr().err
    assert warning.count("\n") == 1 and "--layout lines" in warning and "flores.en" in warning
    lines = read_document(path, "en", layout="lines")
    assert len(lines) == 10 and lines.paragraphs[3].text == "Sentence number 3 of the test set."
    assert capsys.readouterr().err == ""


def test_docx_paragraphs_headings_lists_cells_footnotes_and_what_was_skipped(tmp_path):
    doc = read_document(sample_docx(tmp_path / "ru.docx", image_dir=tmp_path), "ru")
    kinds = [(s.kind, s.place) for s in doc.paragraphs]
    assert kinds == [("heading", "p1"), ("paragraph", "p2"), ("list-item", "p3"),
                     ("table-cell", "table1.r1.c1"), ("table-cell", "table1.r1.c2"), ("table-cell", "table1.r2.c1"),
                     ("table-cell", "table1.r2.c2"), ("paragraph", "p4"), ("footnote", "footnote1")]
    first = doc.paragraphs[1]
    assert first.text.startswith("Лидеры {1}государств{/1} Центральной") and first.text.endswith("торговле.{2/}")
    assert first.tags == {1: "bold", 2: "footnote 1"}
    assert doc.paragraphs[-1].text == "Неофициальный перевод."
    assert doc.skipped == {"comment": ["p4"], "image": ["p5"]}
    assert doc.format == "docx" and doc.origin["reader"] == "docx/1"


def test_docx_tracked_changes_must_be_accepted_or_rejected_explicitly(tmp_path):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Стороны договорились ")
    add_tracked_change(paragraph, "продолжить работу.", "прекратить работу.")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    with pytest.raises(InputError, match=r"2 tracked changes.*--tracked accept\|reject"):
        read_document(path, "ru")
    assert read_document(path, "ru", options={"tracked": "accept"}).texts() == ["Стороны договорились продолжить работу."]
    assert read_document(path, "ru", options={"tracked": "reject"}).texts() == ["Стороны договорились прекратить работу."]


def _docx_runs(path: Path) -> list[list[tuple[str, bool]]]:
    """(text, bold) of every run of every body paragraph, read from the package XML with lxml alone."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    ns = {"w": W_NS}
    return [[("".join(r.xpath("w:t/text()", namespaces=ns)), bool(r.xpath("w:rPr/w:b", namespaces=ns)))
             for r in p.xpath(".//w:r", namespaces=ns)] for p in root.iter(f"{{{W_NS}}}p")]


def test_docx_written_back_keeps_structure_and_formatting(tmp_path):
    original = sample_docx(tmp_path / "en.docx", EN_PARAGRAPHS)
    doc = read_document(original, "en")
    texts = doc.texts()
    texts[1] = "Лидеры {1}Центральной Азии{/1} и Китая встретились в Астане.{2/}"
    texts[5] = "Казахстан"
    texts[-1] = "Неофициальный перевод."
    out = tmp_path / "ru.docx"
    assert export_original(out, original, texts, "en") == len(texts)
    runs = _docx_runs(out)
    assert [t for t, bold in runs[1] if bold] == ["Центральной Азии"]
    assert "".join(t for t, _ in runs[1]) == "Лидеры Центральной Азии и Китая встретились в Астане."
    with zipfile.ZipFile(out) as archive:
        document_xml = archive.read("word/document.xml").decode()
        footnotes = archive.read("word/footnotes.xml").decode()
    assert 'w:footnoteReference w:id="1"' in document_xml and "<w:tbl>" in document_xml
    assert "Неофициальный перевод." in footnotes
    again = read_document(out, "ru", check_script=False)  # only three segments were translated
    assert [s.place for s in again.paragraphs] == [s.place for s in doc.paragraphs]
    assert again.paragraphs[5].text == "Казахстан"
    with pytest.raises(InputError, match="has 9 segments, the translation to write back has 2"):
        export_original(tmp_path / "short.docx", original, texts[:2], "en")


HTML = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Декларация</title><script>var x = 1;</script></head>
<body><nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<article><h1>Астанинская декларация</h1>
<p>Лидеры <b>Центральной Азии</b> и Китая<br>встретились в <a href="https://astana.kz">Астане</a>.</p>
<div>Стороны подчеркнули важность укрепления взаимного доверия <i>между народами</i>.<p>{p2}</p></div>
<ul><li>{p3}</li><li>Пункт с картинкой <img src="dot.png" alt=""> внутри.</li></ul>
<!-- вёрстка -->
<table><tr><td>Казахстан</td><td>Астана</td></tr></table></article>
<footer><p>© 2025 Новостной сайт. Все права защищены. Перепечатка запрещена.</p></footer>
</body></html>
"""


def _page(charset: str = "utf-8") -> str:
    return HTML.replace("{charset}", charset).replace("{p2}", RU_PARAGRAPHS[1]).replace("{p3}", RU_PARAGRAPHS[2])


def test_html_blocks_inline_placeholders_skipped_and_encodings(tmp_path):
    path = tmp_path / "ru.html"
    path.write_text(_page(), encoding="utf-8")
    doc = read_document(path, "ru")
    texts = doc.texts()
    assert "Лидеры {1}Центральной Азии{/1} и Китая{2/}встретились в {3}Астане{/3}." in texts
    second = next(s for s in doc.paragraphs if "встретились" in s.text)
    assert second.tags == {1: "<b>", 2: "<br>", 3: '<a href="https://astana.kz">'} and second.place == "/html/body/article/p"
    loose = next(s for s in doc.paragraphs if s.text.startswith("Стороны подчеркнули"))
    assert loose.place == "/html/body/article/div#1"  # text standing in the div before its child paragraph
    assert [s.kind for s in doc.paragraphs if s.text in ("Казахстан", "Астана")] == ["table-cell", "table-cell"]
    assert doc.skipped == {"title": ["/html/head/title"], "comment": ["/html/body/article"],
                           "image": ["/html/body/article/ul/li[2]/img"]}
    assert doc.origin["declared_encoding"] == "utf-8"
    legacy = tmp_path / "cp1251.html"
    legacy.write_bytes(_page("windows-1251").encode("cp1251"))
    assert read_document(legacy, "ru").texts() == texts
    assert read_document(legacy, "ru").encoding == "cp1251"


def test_html_main_text_only_drops_navigation_and_footer(tmp_path):
    path = tmp_path / "ru.html"
    path.write_text(_page(), encoding="utf-8")
    whole = " ".join(read_document(path, "ru").texts())
    main = " ".join(read_document(path, "ru", options={"main_text": True}).texts())
    assert "Главная" in whole and "Все права защищены" in whole
    assert "Главная" not in main and "Все права защищены" not in main
    assert RU_PARAGRAPHS[1] in main and "Астанинская декларация" in main


class _Text(HTMLParser):
    """The standard library's HTML parser, as an independent reader of a written-back page."""
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.bold = False
        self.bolds: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.bold = self.bold or tag == "b"
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        self.bold = self.bold and tag != "b"

    def handle_data(self, data):
        self.text.append(data)
        if self.bold:
            self.bolds.append(data)


def test_html_written_back_restores_markup_in_the_page_encoding(tmp_path):
    path = tmp_path / "ru.html"
    path.write_bytes(_page("windows-1251").encode("cp1251"))
    doc = read_document(path, "ru")
    texts = [s.text.replace("Лидеры {1}Центральной Азии{/1}", "Лидеры {1}стран Центральной Азии{/1}")
             for s in doc.paragraphs]
    out = tmp_path / "edited.html"
    export_original(out, path, texts, "ru")
    data = out.read_bytes()
    assert b'charset="windows-1251"' in data
    parser = _Text()
    parser.feed(data.decode("cp1251"))
    assert parser.bolds == ["стран Центральной Азии"]
    assert parser.links == ["/", "/news", "https://astana.kz"]
    assert RU_PARAGRAPHS[1] in "".join(parser.text)
    assert read_document(out, "ru").texts() == texts


def test_pdf_paragraphs_from_lines_hyphenation_and_running_heads(tmp_path):
    first, second = RU_PARAGRAPHS[0], RU_PARAGRAPHS[1]
    pages = [["# Астанинская декларация", *wrap(first), "", *wrap(second)],
             ["Абзац на второй странице содержит перенос в слове декла-", "рация и должен стать одним абзацем.",
              "", *wrap(first, 60)],
             [*wrap(second, 50), "", "Последний абзац документа."]]
    path = pdf_pages(tmp_path / "ru.pdf", pages, header="Проект — для служебного пользования")
    doc = read_document(path, "ru")
    assert doc.texts() == ["Астанинская декларация", first, second,
                           "Абзац на второй странице содержит перенос в слове декларация и должен стать одним абзацем.",
                           first, second, "Последний абзац документа."]
    assert doc.paragraphs[0].kind == "heading" and doc.paragraphs[3].place == "page2.p1"
    assert doc.skipped["page number"] == ["page1", "page2", "page3"]
    assert len(doc.skipped["running header"]) == 3


def test_xliff_12_and_2_sources_targets_states_and_notes(tmp_path):
    from translate.storage.xliff import xlifffile

    store = xlifffile(sourcelanguage="ru", targetlanguage="en")
    for n, (ru, en) in enumerate(zip(RU_PARAGRAPHS, EN_PARAGRAPHS), 1):
        unit = store.addsourceunit(ru)
        unit.setid(str(n))
        if n < 3:
            unit.settarget(en)
        if n == 1:
            unit.markapproved(True)
            unit.addnote("checked by the editor", origin="translator")
    path = tmp_path / "memo.xlf"
    path.write_bytes(bytes(store))
    source = read_document(path, "ru")
    target = read_document(path, "en", role="mt")
    assert source.texts() == RU_PARAGRAPHS and [s.place for s in source.paragraphs] == ["1", "2", "3"]
    assert target.texts() == EN_PARAGRAPHS[:2] and target.skipped == {"unit without target": ["3"]}
    assert target.paragraphs[0].meta["approved"] and "checked by the editor" in target.paragraphs[0].meta["notes"]
    v2 = tmp_path / "memo2.xlf"
    v2.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"'
                  ' version="2.0" srcLang="ru" trgLang="kk"><file id="f1"><unit id="u1"><notes><note>сверено</note>'
                  '</notes><segment state="final">'
                  '<source>Лидеры <pc id="1">Азии</pc> встретились.<ph id="2"/></source>'
                  '<target>Азия <pc id="1">көшбасшылары</pc> кездесті.<ph id="2"/></target></segment></unit>'
                  '</file></xliff>', encoding="utf-8")
    kk = read_document(v2, "kk", role="mt", check_script=False)
    assert kk.texts() == ["Азия {1}көшбасшылары{/1} кездесті.{2/}"]
    assert kk.paragraphs[0].meta["state"] == "final" and kk.origin["xliff_version"] == "2.0"
    assert kk.paragraphs[0].meta["notes"] == "сверено"


def test_xliff_targets_written_back_and_read_by_translate_toolkit(tmp_path):
    from translate.storage.xliff import xlifffile

    path = tmp_path / "memo.xlf"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:'
                    'document:1.2"><file original="a" source-language="ru" target-language="en" datatype="plaintext">'
                    '<body><trans-unit id="1" approved="yes"><source>Лидеры <g id="b">Азии</g>.</source>'
                    '<target state="final">Leaders of <g id="b">Asia</g>.</target></trans-unit>'
                    '<trans-unit id="2"><source>Второй.</source><target state="final">Second.</target></trans-unit>'
                    '</body></file></xliff>', encoding="utf-8")
    doc = read_document(path, "en", role="mt", check_script=False)
    assert doc.texts() == ["Leaders of {1}Asia{/1}.", "Second."]
    out = tmp_path / "edited.xlf"
    export_original(out, path, ["The leaders of {1}Central Asia{/1}.", "Second."], "en")
    store = xlifffile.parsestring(out.read_bytes())
    units = store.units
    assert units[0].target == "The leaders of Central Asia." and units[1].target == "Second."
    assert '<g id="b">Central Asia</g>' in out.read_text(encoding="utf-8")
    assert units[0].xmlelement.get("approved") is None and units[0].target_dom.get("state") == "translated"
    assert units[1].target_dom.get("state") == "final"  # only the edited unit changes state


def test_po_sides_fuzzy_plural_and_obsolete(tmp_path):
    from translate.storage.pypo import pofile, pounit

    store = pofile()
    store.updateheader(add=True, Language="kk")
    hello = pounit("Hello, world")
    hello.target = "Сәлем, әлем"
    hello.addnote("shown on the start page", origin="developer")
    fuzzy = pounit("Good bye")
    fuzzy.target = "Сау болыңыз"
    fuzzy.markfuzzy(True)
    empty = pounit("Not yet translated")
    for unit in (hello, fuzzy, empty):
        store.addunit(unit)
    path = tmp_path / "kk.po"
    path.write_bytes(bytes(store))
    source = read_document(path, "en", check_script=False)
    target = read_document(path, "kk", role="mt", check_script=False)
    assert source.texts() == ["Hello, world", "Good bye", "Not yet translated"]
    assert target.texts() == ["Сәлем, әлем", "Сау болыңыз"]
    assert target.paragraphs[1].meta["fuzzy"] and "start page" in target.paragraphs[0].meta["notes"]
    assert target.skipped == {"untranslated message": ["Not yet translated"]}
    with pytest.raises(InputError, match="Language header says 'kk'"):
        read_document(path, "ru", role="mt", check_script=False)


def test_srt_and_webvtt_cues_keep_their_timing(tmp_path):
    import datetime

    import srt

    subtitles = [srt.Subtitle(1, datetime.timedelta(seconds=1), datetime.timedelta(seconds=4.5),
                              "Лидеры <i>Центральной Азии</i>\nвстретились в Астане."),
                 srt.Subtitle(2, datetime.timedelta(seconds=5), datetime.timedelta(seconds=7), "Стороны договорились.")]
    path = tmp_path / "ru.srt"
    path.write_text(srt.compose(subtitles), encoding="utf-8")
    doc = read_document(path, "ru")
    assert doc.texts() == ["Лидеры {1}Центральной Азии{/1} встретились в Астане.", "Стороны договорились."]
    assert [s.place for s in doc.paragraphs] == ["00:00:01,000 --> 00:00:04,500", "00:00:05,000 --> 00:00:07,000"]
    assert doc.paragraphs[0].kind == "cue" and doc.paragraphs[0].meta["end"] == 4.5 and doc.paragraphs[0].line == 3
    vtt = tmp_path / "ru.vtt"
    vtt.write_text("WEBVTT\n\nNOTE made by hand\n\nintro\n00:00:01.000 --> 00:00:04.500\n<v Диктор>Лидеры встретились."
                   "\n\n00:01:05.250 --> 00:01:07.000\nСтороны договорились.\n", encoding="utf-8")
    cues = read_document(vtt, "ru")
    assert cues.texts() == ["{1}Лидеры встретились.{/1}", "Стороны договорились."]
    assert cues.paragraphs[0].meta["cue"] == "intro" and cues.paragraphs[1].meta["start"] == 65.25
    assert cues.skipped == {"note": ["NOTE blocks"]}


def test_markdown_blocks_and_skipped_code(tmp_path):
    path = tmp_path / "ru.md"
    path.write_text(f"# Декларация\n\n{RU_PARAGRAPHS[0]} Подробнее [на сайте](https://astana.kz) и `код`.\n\n"
                    f"- {RU_PARAGRAPHS[1]}\n\n```\nprint('код')\n```\n\n| Страна | Столица |\n|---|---|\n"
                    "| Казахстан | Астана |\n", encoding="utf-8")
    doc = read_document(path, "ru")
    assert [s.kind for s in doc.paragraphs] == ["heading", "paragraph", "list-item"] + ["table-cell"] * 4
    assert doc.paragraphs[1].text.endswith("Подробнее {1}на сайте{/1} и {2/}.")
    assert doc.paragraphs[1].tags == {1: "link https://astana.kz", 2: "`код`"}
    assert doc.skipped == {"code block": ["line 7"]} and doc.paragraphs[2].place == "line 5"


def test_tmx_languages_pair_by_tuid(tmp_path):
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="ru", targetlanguage="en")
    for ru, en in zip(RU_PARAGRAPHS, EN_PARAGRAPHS):
        store.addtranslation(ru, "ru", en, "en")
    path = tmp_path / "memory.tmx"
    path.write_bytes(bytes(store))
    ru = read_document(path, "ru")
    en = read_document(path, "en", role="mt")
    assert ru.texts() == RU_PARAGRAPHS and en.texts() == EN_PARAGRAPHS
    assert [s.place for s in ru.paragraphs] == [s.place for s in en.paragraphs]
    with pytest.raises(InputError, match="has no kk segments"):
        read_document(path, "kk", role="mt")
