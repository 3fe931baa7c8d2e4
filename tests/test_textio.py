"""Reading documents in every encoding we promise, and refusing what is not text."""
import os
from pathlib import Path

import pytest

from corpus import textio
from corpus.errors import InputError
from corpus.reader import read_document
from corpus.textio import atomic_write_text, atomic_writer, read_text, remove_uncommitted, write_together

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


def test_a_streamed_write_that_fails_midway_keeps_the_old_file_whole(tmp_path: Path):
    target = tmp_path / "manifest.json"
    atomic_write_text(target, "old")
    with pytest.raises(OSError, match="disk full"):
        with atomic_writer(target) as handle:
            handle.write(b"half of the new ")
            raise OSError(28, "disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_a_lone_surrogate_is_refused_with_the_file_unchanged(tmp_path: Path):
    target = tmp_path / "out.txt"
    atomic_write_text(target, "old")
    with pytest.raises(InputError, match="not text"):
        atomic_write_text(target, "bad \udc80 text")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def _pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    text, alignment, journal = tmp_path / "kk.txt", tmp_path / "ru-kk.txt", tmp_path / ".commit.json"
    text.write_text("old text\n", encoding="utf-8")
    alignment.write_text("[0]:[0]\n", encoding="utf-8")
    return text, alignment, journal


def test_files_written_together_all_change(tmp_path: Path):
    text, alignment, journal = _pair(tmp_path)
    write_together({text: "new text\n", alignment: "[0]:[0, 1]\n"}, journal)
    assert (text.read_text(encoding="utf-8"), alignment.read_text(encoding="utf-8")) == ("new text\n", "[0]:[0, 1]\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kk.txt", "ru-kk.txt"]


def test_a_crash_after_the_commit_point_is_finished_on_recovery(tmp_path: Path, monkeypatch):
    text, alignment, journal = _pair(tmp_path)
    real_replace = os.replace

    def crash_before_the_alignment_moves(src, dst):  # the document is in place by then
        if str(dst) == str(alignment):
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_before_the_alignment_moves)
    with pytest.raises(KeyboardInterrupt):
        write_together({text: "new text\n", alignment: "[0]:[0, 1]\n"}, journal)
    monkeypatch.setattr(os, "replace", real_replace)
    assert text.read_text(encoding="utf-8") == "new text\n" and alignment.read_text(encoding="utf-8") == "[0]:[0]\n"
    remove_uncommitted(tmp_path, journal)
    assert alignment.read_text(encoding="utf-8") == "[0]:[0, 1]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kk.txt", "ru-kk.txt"]


def test_a_crash_before_the_commit_point_keeps_the_old_pair(tmp_path: Path, monkeypatch):
    text, alignment, journal = _pair(tmp_path)
    real_write = textio.atomic_write_text

    def no_room_for_the_journal(path, content):
        if Path(path) == journal:
            raise OSError(28, "No space left on device")
        real_write(path, content)

    monkeypatch.setattr(textio, "atomic_write_text", no_room_for_the_journal)
    with pytest.raises(OSError):
        write_together({text: "new text\n", alignment: "[0]:[0, 1]\n"}, journal)
    assert (text.read_text(encoding="utf-8"), alignment.read_text(encoding="utf-8")) == ("old text\n", "[0]:[0]\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kk.txt", "ru-kk.txt"]
    # a hard kill leaves pending files without a journal: uncommitted, so they are removed
    (tmp_path / f".kk.txt{textio.PENDING_SUFFIX}").write_text("half", encoding="utf-8")
    remove_uncommitted(tmp_path, journal)
    assert text.read_text(encoding="utf-8") == "old text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kk.txt", "ru-kk.txt"]


def test_directory_lock_reenters_in_one_thread_and_excludes_others(tmp_path):
    """A writer holding a directory (a staging directory) may record files in it, which locks it again;
    another thread must still wait for the holder."""
    import threading

    from corpus.textio import directory_lock

    entered = threading.Event()

    def other() -> None:
        with directory_lock(tmp_path):
            entered.set()

    with directory_lock(tmp_path):
        with directory_lock(tmp_path):  # would deadlock on itself if the lock were not re-entrant
            pass
        thread = threading.Thread(target=other)
        thread.start()
        assert not entered.wait(0.3)
    thread.join(5)
    assert entered.is_set()
