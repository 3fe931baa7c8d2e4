"""Builders of test documents in every format, made with the libraries users' tools use."""
from __future__ import annotations

from pathlib import Path

import matplotlib

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # Cyrillic and Latin glyphs


def pdf_pages(path: Path, pages: list[list[str]], header: str | None = None, numbered: bool = True,
              encrypt: str | None = None, size: float = 11) -> Path:
    """A PDF whose pages hold the given lines, drawn one per line as a typesetter would (a blank line
    string "" leaves a paragraph gap), with a running header and page numbers when asked."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for number, lines in enumerate(pages, 1):
        if header:
            pdf.setFont("DejaVu", 9)
            pdf.drawString(72, height - 40, header)
        y = height - 90
        for line in lines:
            if line.startswith("# "):
                pdf.setFont("DejaVu", size * 1.6)
                pdf.drawString(72, y, line[2:])
                y -= size * 2.6
                continue
            pdf.setFont("DejaVu", size)
            if line:
                pdf.drawString(72, y, line)
            y -= size * 1.35 if line else size * 1.35 * 2
        if numbered:
            pdf.setFont("DejaVu", 9)
            pdf.drawCentredString(width / 2, 30, str(number))
        pdf.showPage()
    pdf.save()
    return path


def wrap(text: str, width: int = 80) -> list[str]:
    """Greedy line breaking of one paragraph into lines of about `width` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
