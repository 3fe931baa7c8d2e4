"""Every new writer read back by an independent reader: translate-toolkit for XLIFF, the package XML for
XLSX and DOCX, pyarrow for Parquet (against the JSONL of the same rows)."""
from __future__ import annotations

import json
import zipfile

import pytest
from lxml import etree

from corpus.alignment import Alignment, Link
from corpus.errors import InputError
from corpus.export.jsonl import export_jsonl
from corpus.export.bilingual_docx import export_bilingual_docx
from corpus.export.original import export_original
from corpus.export.parquet import export_parquet
from corpus.export.xliff import export_xliff
from corpus.export.xlsx import export_xlsx
from corpus.model import make_document
from corpus.rows import build_rows
from formats_support import EN_PARAGRAPHS, RU_PARAGRAPHS, W_NS

SRC = make_document("s", "ru", RU_PARAGRAPHS)
TGT = make_document("s", "en", [EN_PARAGRAPHS[0], EN_PARAGRAPHS[1] + " " + EN_PARAGRAPHS[2], "Unofficial & <draft>."])
ALIGNMENT = Alignment("ru", "en", [Link((0,), (0,), 0.91, 0.97), Link((1, 2), (1,), 0.74, 0.62),
                                   Link((), (2,), 0.0, 1.0)])
STATUSES = ["approved", "pending", "rejected"]
FLAGS = [[], ["omission: a clause is missing"], ["addition"]]


def test_xliff_12_read_by_translate_toolkit(tmp_path):
    from translate.storage.xliff import xlifffile

    path = tmp_path / "ru-en.xlf"
    assert export_xliff(path, ALIGNMENT, SRC, TGT, STATUSES, FLAGS) == 3
    store = xlifffile.parsestring(path.read_bytes())
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("ru", "en")
    units = store.units
    assert [u.source for u in units] == [RU_PARAGRAPHS[0], RU_PARAGRAPHS[1] + " " + RU_PARAGRAPHS[2], ""]
    assert [u.target for u in units] == TGT.texts()
    assert [u.isapproved() for u in units] == [True, False, False]
    assert [u.target_dom.get("state") for u in units] == ["final", "needs-review-translation", "needs-translation"]
    assert "link 2-1" in units[1].getnotes() and "flag omission: a clause is missing" in units[1].getnotes()
    assert "confidence 0.6200" in units[1].getnotes() and "target only" in units[2].getnotes()


def test_xliff_21_read_by_translate_toolkit(tmp_path):
    from translate.storage.xliff2 import Xliff2File

    path = tmp_path / "ru-en.xlf"
    export_xliff(path, ALIGNMENT, SRC, TGT, version="2.1")
    store = Xliff2File.parsestring(path.read_bytes())
    assert [u.target for u in store.units] == TGT.texts()
    root = etree.fromstring(path.read_bytes())
    assert root.get("version") == "2.1" and root.get("srcLang") == "ru" and root.get("trgLang") == "en"
    assert [s.get("state") for s in root.iter("{urn:oasis:names:tc:xliff:document:2.0}segment")] == ["translated"] * 3


def test_xlsx_one_row_per_link_with_filters(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "ru-en.xlsx"
    assert export_xlsx(path, ALIGNMENT, SRC, TGT, STATUSES, FLAGS) == 3
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("link", "src_ids", "tgt_ids", "ru", "en", "type", "score", "confidence", "status", "flags")
    assert rows[2] == (2, "1 2", "1", RU_PARAGRAPHS[1] + " " + RU_PARAGRAPHS[2], TGT.texts()[1], "2-1", 0.74, 0.62,
                       "pending", "omission: a clause is missing")
    assert rows[3][1] is None and rows[3][4] == "Unofficial & <draft>."
    with zipfile.ZipFile(path) as archive:
        sheet_xml = etree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    assert sheet_xml.xpath("m:autoFilter/@ref", namespaces=ns) == ["A1:J4"]


def test_bilingual_docx_table_status_colours_and_flag_comments(tmp_path):
    path = tmp_path / "ru-en.docx"
    assert export_bilingual_docx(path, ALIGNMENT, SRC, TGT, STATUSES, FLAGS) == 3
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
    ns = {"w": W_NS}
    rows = document.xpath("//w:tbl/w:tr", namespaces=ns)
    cells = [["".join(c.xpath(".//w:t/text()", namespaces=ns)) for c in r.xpath("w:tc", namespaces=ns)] for r in rows]
    assert cells[0] == ["#", "ru", "en", "status"]
    assert cells[1] == ["1", RU_PARAGRAPHS[0], EN_PARAGRAPHS[0], "approved"]
    fills = [r.xpath("w:tc[4]/w:tcPr/w:shd/@w:fill", namespaces=ns) for r in rows[1:]]
    assert fills == [["C6EFCE"], ["FFEB9C"], ["FFC7CE"]]
    texts = ["".join(c.xpath(".//w:t/text()", namespaces=ns)) for c in comments.xpath("//w:comment", namespaces=ns)]
    assert texts == ["omission: a clause is missing", "addition"]
    assert comments.xpath("//w:comment/@w:author", namespaces=ns) == ["tilmash", "tilmash"]


def test_bilingual_docx_marks_unsure_links_for_a_check_without_review(tmp_path):
    path = tmp_path / "ru-en.docx"
    export_bilingual_docx(path, ALIGNMENT, SRC, TGT)
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    ns = {"w": W_NS}
    status = ["".join(r.xpath("w:tc[4]//w:t/text()", namespaces=ns)) for r in document.xpath("//w:tbl/w:tr", namespaces=ns)]
    assert status == ["status", "ok", "check", "ok"]  # confidence 0.62 is under 0.9


def test_parquet_has_the_jsonl_columns_and_values(tmp_path):
    import pyarrow.parquet as pq

    rows = build_rows(len(SRC), {"en": ALIGNMENT})
    statuses = {0: {"en": "approved"}, 1: {"en": "pending"}}
    assert export_parquet(tmp_path / "s.parquet", rows, SRC, {"en": TGT}, statuses) == len(rows)
    export_jsonl(tmp_path / "s.jsonl", rows, SRC, {"en": TGT}, statuses)
    table = pq.read_table(tmp_path / "s.parquet")
    jsonl = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    assert table.column_names == list(jsonl[0])
    as_dicts = [{k: dict(v) if k in ("scores", "status", "segments") else v for k, v in row.items()}
                for row in table.to_pylist()]
    assert as_dicts == jsonl


def test_writing_back_refuses_the_original_itself_and_formats_without_structure(tmp_path):
    text = tmp_path / "ru.txt"
    text.write_text(RU_PARAGRAPHS[0] + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="refusing to overwrite the original"):
        export_original(text, text, [RU_PARAGRAPHS[0]], "ru")
    with pytest.raises(InputError, match=r"txt files cannot be written back \(these can: .*docx.*html.*xliff"):
        export_original(tmp_path / "out.txt", text, [RU_PARAGRAPHS[0]], "ru")
    assert not (tmp_path / "out.txt").exists()
