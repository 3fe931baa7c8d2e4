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

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RU_PARAGRAPHS = [
    "Лидеры государств Центральной Азии и Китая встретились в Астане и обсудили сотрудничество в торговле.",
    "Стороны подчеркнули важность укрепления взаимного доверия и добрососедства между народами региона.",
    "Стороны договорились продолжать совместную работу по развитию транспортных коридоров и энергетики.",
]
EN_PARAGRAPHS = [
    "The leaders of Central Asia and China met in Astana and discussed cooperation in trade.",
    "The parties stressed the importance of strengthening mutual trust and good-neighbourliness in the region.",
    "The parties agreed to continue joint work on developing transport corridors and energy.",
]


def add_footnote(document, paragraph, text: str, note_id: int = 1) -> None:
    """A footnote as Word writes one: a footnotes part related to the document, and a reference run
    (python-docx has no API for footnotes, so the part is added through its packaging layer)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    xml = (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
           f'</w:r></w:p></w:footnote><w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>'
           f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote></w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml,
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="{note_id}"/>'))


def add_tracked_change(paragraph, inserted: str, deleted: str) -> None:
    """A tracked insertion and deletion, as Word records them with Track Changes on."""
    from docx.oxml import parse_xml

    paragraph._p.append(parse_xml(
        f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="Editor" w:date="2025-06-17T00:00:00Z"><w:r>'
        f'<w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="2" w:author="Editor" w:date="2025-06-17T00:00:00Z"><w:r>'
        f'<w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'))


def png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (4, 4), (200, 30, 30)).save(path)
    return path


def sample_docx(path: Path, paragraphs: list[str] = RU_PARAGRAPHS, image_dir: Path | None = None) -> Path:
    """A DOCX with a heading, a paragraph with a bold span and a footnote, a list item, a 2x2 table,
    an image and a comment: one of everything the reader maps."""
    import docx

    document = docx.Document()
    document.add_heading("Астанинская декларация", level=1)
    first = document.add_paragraph(paragraphs[0].split(" ", 2)[0] + " ")
    first.add_run(paragraphs[0].split(" ", 2)[1]).bold = True
    first.add_run(" " + paragraphs[0].split(" ", 2)[2])
    add_footnote(document, first, "Неофициальный перевод.")
    document.add_paragraph(paragraphs[1], style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["Страна", "Столица", "Казахстан", "Астана"]):
        table.cell(r, c).text = text
    last = document.add_paragraph(paragraphs[2])
    document.add_comment(last.runs[0], text="проверить термин", author="Редактор")
    if image_dir is not None:
        document.add_picture(str(png(image_dir / "dot.png")))
    document.save(str(path))
    return path
