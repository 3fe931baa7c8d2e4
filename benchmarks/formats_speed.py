"""Reading speed and peak memory of the DOCX and PDF readers on a generated 300-page document.

Both files are made here (python-docx; reportlab with the DejaVu font matplotlib
ships) from the bundled Russian declaration's paragraphs, repeated and numbered
until they fill the pages: in the DOCX 8 paragraphs a page (a bold span in
each), a heading every 10 pages and a 3x3 table every 20; in the PDF three
paragraphs a page, a running head and page numbers (all of which the reader
must drop). Each file is read by `corpus.reader.read_document` in a fresh
process, so the peak resident memory is that of the read alone.

    .venv/bin/python benchmarks/formats_speed.py [--pages 300]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PER_PAGE = 8


def _paragraphs(count: int, longest: int = 10_000) -> list[str]:
    from corpus.reader import read_document

    base = [p for p in read_document(ROOT / "corpus" / "astana-2025" / "ru.txt", "ru").texts()
            if 200 < len(p) < longest]
    return [f"{n + 1}. {base[n % len(base)]}" for n in range(count)]


def make_docx(path: Path, pages: int) -> None:
    import docx

    document = docx.Document()
    texts = _paragraphs(pages * PER_PAGE)
    for page in range(pages):
        if page % 10 == 0:
            document.add_heading(f"Раздел {page // 10 + 1}", level=1)
        if page % 20 == 5:
            table = document.add_table(rows=3, cols=3)
            for cell in table._cells:
                cell.text = "Центральная Азия — Китай"
        for text in texts[page * PER_PAGE:(page + 1) * PER_PAGE]:
            head, _, rest = text.partition(" ")
            paragraph = document.add_paragraph(head + " ")
            paragraph.add_run(rest[:40]).bold = True
            paragraph.add_run(rest[40:])
    document.save(str(path))


def make_pdf(path: Path, pages: int) -> None:
    from formats_support import pdf_pages, wrap

    texts = _paragraphs(pages * 3, 900)  # three paragraphs of at most 11 lines fill an A4 page of 11 pt lines
    layout = []
    for page in range(pages):
        lines: list[str] = []
        for text in texts[page * 3:(page + 1) * 3]:
            lines += wrap(text, 85) + [""]
        layout.append(lines)
    pdf_pages(path, layout, header="Астанинская декларация — рабочий перевод")


def read_once(path: str, lang: str) -> None:
    from corpus.reader import read_document

    start = time.perf_counter()
    doc = read_document(path, lang, warn=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "segments": len(doc), "peak_mib": peak,
                      "skipped": {k: len(v) for k, v in doc.skipped.items()}}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--read", nargs=2, metavar=("PATH", "LANG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        read_once(*args.read)
        return
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for name, make in (("docx", make_docx), ("pdf", make_pdf)):
            path = Path(tmp) / f"ru.{name}"
            start = time.perf_counter()
            make(path, args.pages)
            built = time.perf_counter() - start
            result = subprocess.run([sys.executable, __file__, "--read", str(path), "ru"], check=True,
                                    capture_output=True, text=True)
            facts = json.loads(result.stdout)
            rows.append((name, path.stat().st_size / 2**20, built, facts))
    print(f"{'format':<6} {'pages':>5} {'MiB':>6} {'segments':>8} {'read s':>7} {'pages/s':>8} {'peak MiB':>8}  skipped")
    for name, size, _, facts in rows:
        skipped = ", ".join(f"{n} {k}" for k, n in facts["skipped"].items()) or "-"
        print(f"{name:<6} {args.pages:>5} {size:>6.1f} {facts['segments']:>8} {facts['seconds']:>7.2f}"
              f" {args.pages / facts['seconds']:>8.1f} {facts['peak_mib']:>8.0f}  {skipped}")


if __name__ == "__main__":
    main()
