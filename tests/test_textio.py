"""Reading documents in every encoding we promise, and refusing what is not text."""
from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.reader import read_document
from corpus.textio import atomic_write_text, read_text

RUSSIAN = "Стороны высоко оценивают итоги первого саммита.\n\nСтороны едины в том, что развитие сотрудничества отвечает интересам всех стран.\n"


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_legacy_cyrillic_encodings_are_detected_and_reported(tmp_path: Path, codec: str):
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode(codec))
    doc = read_document(path, "ru")
    assert doc.encoding == codec
    assert doc.texts() == [p for p in RUSSIAN.strip().split("\n\n")]


def test_bom_and_crlf_are_accepted(tmp_path: Path):
    path = tmp_path / "ru.txt"
    path.write_bytes(b"\xef\xbb\xbf" + RUSSIAN.replace("\n", "\r\n").encode("utf-8"))
    doc = read_document(path, "ru")
    assert doc.encoding == "utf-8-sig"
    assert doc.texts()[0].startswith("Стороны")  # no BOM left in the text
    assert len(doc) == 2 and "\r" not in "".join(doc.texts())


def test_hard_wrapped_blocks_join_and_keep_their_first_line(tmp_path: Path):
    path = tmp_path / "zh.txt"
    path.write_text("第一段，\n继续。\n\n\n第二段。\n", encoding="utf-8")
    doc = read_document(path, "zh", check_script=False)
    assert doc.texts() == ["第一段，继续。", "第二段。"]
    assert [p.line for p in doc.paragraphs] == [1, 5]
    assert doc.paragraphs[1].id == "zh:zh:p1"


def test_presplit_keeps_one_segment_per_line(tmp_path: Path):
    path = tmp_path / "s.txt"
    path.write_text("one\n\nthree\n", encoding="utf-8")
    assert read_document(path, "en", presplit=True).texts() == ["one", "", "three"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty document"),
        (b"\n\n   \n", "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"text with a bell \x07 inside\n", "control character"),
        ("Caf\u00e9 au lait, d\u00e9j\u00e0 vu".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_document(path, "en")
    assert message in str(err.value)
    assert str(err.value).startswith(str(path))


def test_error_names_the_line_of_an_invalid_byte(tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"line one\nline two\nbad \xff\xfe\xfd byte\n")
    with pytest.raises(InputError) as err:
        read_text(path)
    assert err.value.line == 3


def test_missing_file_and_directory(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_wrong_script_for_the_declared_language(set_dir: Path):
    with pytest.raises(InputError, match="looks Russian"):
        read_document(set_dir / "ru.txt", "en")
    with pytest.raises(InputError, match="looks Russian"):
        read_document(set_dir / "ru.txt", "kk")
    with pytest.raises(InputError, match="looks Kazakh"):
        read_document(set_dir / "kk.txt", "ru")
    with pytest.raises(InputError, match="looks Chinese"):
        read_document(set_dir / "zh.txt", "en")


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path):
    target = tmp_path / "out" / "file.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]
