"""PDF with a text layer: paragraphs rebuilt from the lines pdfminer.six lays out.

A PDF holds positioned lines, not paragraphs. pdfminer groups lines into
boxes in reading order (columns included); within and across boxes a
paragraph ends where the vertical gap grows, where a line is indented, or
after a short line that ends a sentence; it goes on across a box or page
boundary while the text runs on mid-sentence. Words hyphenated at a line end
are joined when the next line goes on in lower case. Lines at the top or
bottom of the page that repeat on most pages (running heads, footers; digits
compared as one) and page numbers are dropped and listed. A PDF with no text
layer is refused as a scan (run OCR first), an encrypted one as encrypted.
Places are `page3.p2`: the page where the paragraph starts and its number there.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..languages import profile
from ..segmenter import join_segments
from ..textio import read_bytes
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit

_MARGIN = 0.1  # the top and bottom tenth of a page, where running heads and footers live
_PAGE_NUMBER = re.compile(r"^[\s\-–—(\[]*(?:page|p\.|стр\.?|страница|бет|页|第)?\s*\d{1,4}\s*"
                          r"(?:(?:/|of|из|из\s)\s*\d{1,4})?\s*(?:页)?[\s\-–—)\]]*$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?:;…。！？；»”\")]$")
_HYPHEN = re.compile(r"(\w)[-\u00ad]$")


@dataclass
class Line:
    page: int
    box: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    zone: str  # "top", "bottom" or "body"


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


@FORMATS.register("pdf")
class Pdf(FormatReader):
    name = "pdf"
    extensions = (".pdf",)
    description = "PDF with a text layer: paragraphs rebuilt from lines, running heads and page numbers dropped"

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        lines, pages, images = self._lines(path)
        parsed = Parsed([], "utf-8", details={"pages": pages})
        if not any(line.text for line in lines):
            if images or pages:
                raise InputError(path, f"scanned PDF: {pages} pages and no text layer; run OCR first")
        kept = self._drop_furniture(lines, pages, parsed)
        parsed.units = self._paragraphs(kept, options.lang)
        return parsed

    def _lines(self, path: Path) -> tuple[list[Line], int, int]:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTChar, LTFigure, LTImage, LTTextBox, LTTextLine
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException

        data = read_bytes(path)
        if not data.lstrip()[:5] == b"%PDF-":
            raise InputError(path, "not a PDF file (no %PDF- header): corrupt or misnamed")
        lines: list[Line] = []
        pages = images = 0
        try:
            for page in extract_pages(str(path), laparams=LAParams()):
                pages += 1
                height = page.height or 1
                for box_number, box in enumerate(page):
                    if isinstance(box, (LTFigure, LTImage)):
                        images += 1
                    if not isinstance(box, LTTextBox):
                        continue
                    for item in box:
                        if not isinstance(item, LTTextLine):
                            continue
                        text = item.get_text().strip()
                        if not text:
                            continue
                        sizes = [c.size for c in item if isinstance(c, LTChar)]
                        zone = "top" if item.y1 > height * (1 - _MARGIN) else \
                            "bottom" if item.y0 < height * _MARGIN else "body"
                        lines.append(Line(pages, box_number, text, item.x0, item.y0, item.x1, item.y1,
                                          statistics.median(sizes) if sizes else 0.0, zone))
        except PDFPasswordIncorrect:
            raise InputError(path, "encrypted PDF: it needs a password; save an unprotected copy") from None
        except PDFEncryptionError as exc:
            raise InputError(path, f"encrypted PDF ({exc}): save an unprotected copy") from None
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
            raise InputError(path, f"corrupt PDF: {exc or type(exc).__name__}") from None
        return lines, pages, images

    def _drop_furniture(self, lines: list[Line], pages: int, parsed: Parsed) -> list[Line]:
        """Remove running heads, footers and page numbers, listing each with its page."""
        counts = Counter((line.zone, _normal(line.text)) for line in lines if line.zone != "body")
        repeated = {key for key, n in counts.items() if pages >= 3 and n >= max(3, pages // 2)}
        kept = []
        for line in lines:
            key = (line.zone, _normal(line.text))
            if line.zone != "body" and _PAGE_NUMBER.match(line.text):
                parsed.skip("page number", f"page{line.page}")
            elif key in repeated:
                parsed.skip("running header" if line.zone == "top" else "running footer",
                            f"page{line.page}: {line.text[:60]}")
            else:
                kept.append(line)
        return kept

    def _paragraphs(self, lines: list[Line], lang: str) -> list[Unit]:
        if not lines:
            return []
        gaps = [prev.y0 - line.y1 for prev, line in zip(lines, lines[1:])
                if prev.page == line.page and prev.box == line.box and prev.y0 > line.y1]
        gap = statistics.median(gaps) if gaps else 0.0
        body_size = statistics.median([line.size for line in lines if line.size] or [0.0])
        widths = [line.x1 - line.x0 for line in lines]
        full = statistics.quantiles(widths, n=10)[-1] if len(widths) > 1 else widths[0]
        left = statistics.median([line.x0 for line in lines])
        paragraphs: list[list[Line]] = []
        for line in lines:
            if paragraphs and not self._breaks(paragraphs[-1][-1], line, gap, full, left, body_size):
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
        units = []
        per_page: Counter = Counter()
        for group in paragraphs:
            page = group[0].page
            per_page[page] += 1
            text = _join_lines([line.text for line in group], lang)
            heading = body_size and group[0].size > body_size * 1.15 and len(text) < 200
            units.append(Unit(text, "heading" if heading else "paragraph", f"page{page}.p{per_page[page]}"))
        return units

    @staticmethod
    def _breaks(prev: Line, line: Line, gap: float, full: float, left: float, body_size: float) -> bool:
        """Does `line` start a new paragraph after `prev`?"""
        runs_on = not _TERMINAL.search(prev.text) and (prev.x1 - prev.x0) > 0.8 * full
        if abs(line.size - prev.size) > 0.15 * max(body_size, 1):
            return True
        if prev.page != line.page or prev.box != line.box:
            return not runs_on
        if gap and prev.y0 - line.y1 > gap * 1.6 + 1:
            return True
        if line.x0 - prev.x0 > max(body_size, 4) * 1.2 and line.x0 > left + 2:
            return True  # first-line indent
        return bool(_TERMINAL.search(prev.text)) and (prev.x1 - prev.x0) < 0.8 * full


def _join_lines(texts: list[str], lang: str) -> str:
    """Lines of one paragraph as running text; a word hyphenated at a line end is made whole when the
    next line goes on in lower case (a hyphen before a capital or a digit is kept)."""
    out: list[str] = []
    for text in texts:
        if out and _HYPHEN.search(out[-1]) and text[:1].islower():
            out[-1] = out[-1][:-1] + text
        elif out and out[-1].endswith("\u00ad"):
            out[-1] = out[-1][:-1] + text
        else:
            out.append(text)
    joined = join_segments(out, lang)
    return joined if profile(lang).unspaced else " ".join(joined.split())
