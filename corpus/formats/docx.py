"""DOCX (Word): body paragraphs, headings, list items, table cells, footnotes and endnotes.

python-docx opens the package (styles, relationships); the paragraphs are
walked as WordprocessingML so that nothing visible is lost: hyperlinks,
formatting that differs from the paragraph's own, line breaks, tabs, images
and note references become placeholders, tracked changes are applied as the
user chose (a document with revisions and no choice is refused, since the two
readings differ), and whatever is not read (images, text boxes, comments,
field instructions, headers and footers, equations) is counted with its place.

Places: `p12` (the 12th body paragraph, 1-based, empty ones counted),
`table1.r3.c2` (a cell; `.p2` for its second paragraph when it has several;
nested tables extend the path), `footnote3` / `endnote1` (the note's id).
`write_back` walks the same way and replaces each paragraph's runs, so a
translation goes back into the original's structure with its formatting.
"""
from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit, readable
from .placeholders import TaggedText, pieces
from .safety import open_office_zip, read_member

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_NOTES = (("footnote", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"),
          ("endnote", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"))
_FORMATTING = (("b", "bold"), ("i", "italic"), ("u", "underline"), ("strike", "strike"), ("dstrike", "strike"),
               ("smallCaps", "small caps"), ("caps", "caps"))
_CONTAINERS = {"smartTag", "customXml", "sdtContent", "fldSimple", "dir", "bdo"}
_IGNORED = {"pPr", "rPr", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd", "lastRenderedPageBreak",
            "commentRangeStart", "commentRangeEnd", "sdtPr", "sdtEndPr"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _on(element) -> bool:
    value = element.get(w("val"))
    return value is None or value.lower() not in ("0", "false", "none", "off")


def run_format(run) -> tuple[str, ...]:
    """The inline formatting a run sets directly or through a character style, as readable names."""
    rpr = run.find(w("rPr"))
    if rpr is None:
        return ()
    names = [name for tag, name in _FORMATTING if (el := rpr.find(w(tag))) is not None and _on(el)]
    align = rpr.find(w("vertAlign"))
    if align is not None and align.get(w("val")) in ("superscript", "subscript"):
        names.append(align.get(w("val")))
    style = rpr.find(w("rStyle"))
    if style is not None and style.get(w("val")):
        names.append(f"style {style.get(w('val'))}")
    return tuple(dict.fromkeys(names))


@dataclass
class _Walk:
    """State of one paragraph's walk: the text being built and what the writer needs to restore it."""
    place: str
    options: ReadOptions
    parsed: Parsed
    base: tuple[str, ...]
    out: TaggedText = field(default_factory=TaggedText)
    xml: dict[int, str] = field(default_factory=dict)  # local placeholder id -> element to restore (XML)
    span: tuple[tuple[str, ...], int] | None = None  # open formatting span: (format, local id)
    base_rpr: str | None = None
    revisions: int = 0

    def set_format(self, fmt: tuple[str, ...], run) -> None:
        if self.span and self.span[0] == fmt:
            return
        self.close_format()
        if fmt != self.base:
            local = self.out.open(" + ".join(fmt) or "plain")
            rpr = run.find(w("rPr"))
            self.xml[local] = _xml(rpr) if rpr is not None else ""
            self.span = (fmt, local)
        elif self.base_rpr is None:
            rpr = run.find(w("rPr"))
            self.base_rpr = _xml(rpr) if rpr is not None else ""

    def close_format(self) -> None:
        if self.span:
            self.out.close(self.span[1])
            self.span = None

    def standalone(self, what: str, run, element) -> None:
        """A placeholder restored as a run holding `element` with the run's formatting."""
        local = self.out.standalone(what)
        keep = copy.deepcopy(run)
        for child in list(keep):
            if child.tag != w("rPr"):
                keep.remove(child)
        keep.append(copy.deepcopy(element))
        self.xml[local] = _xml(keep)


def _xml(element) -> str:
    from lxml import etree

    return etree.tostring(element, encoding="unicode")


@FORMATS.register("docx")
class Docx(FormatReader):
    name = "docx"
    extensions = (".docx", ".docm")
    description = "Word DOCX: paragraphs, headings, lists, table cells, footnotes; --tracked accept|reject"

    def option_names(self) -> tuple[str, ...]:
        return ("tracked",)

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        parsed = Parsed([], "utf-8")
        parsed.units = [unit for unit, _ in self._walk(path, _open(path), options, parsed)]
        return parsed

    def write_back(self, original: Path, options: ReadOptions, texts: list[str]) -> bytes:
        """The original DOCX with each non-empty paragraph's text replaced by `texts`, in reading order."""
        import io

        document = _open(original)
        pairs = [(u, el) for u, el in self._walk(original, document, options, Parsed([]), store=True) if readable(u)]
        if len(pairs) != len(texts):
            raise InputError(original, f"has {len(pairs)} segments, the translation to write back has {len(texts)}")
        for (unit, element), text in zip(pairs, texts):
            _replace_runs(element, unit, text)
        for part, root in self._note_roots:
            part._blob = _serialise(root)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def _walk(self, path: Path, document, options: ReadOptions, parsed: Parsed, store: bool = False
              ) -> Iterator[tuple[Unit, Any]]:
        """(unit, paragraph element) in reading order: the body, then footnotes and endnotes. With `store`,
        the notes parts' trees are kept (`_note_roots`) so that edits to their paragraphs can be saved."""
        styles = _style_names(document)
        body = document.element.body
        revisions = sum(1 for _ in body.iter(w("ins"), w("del"), w("moveFrom"), w("moveTo")))
        parsed.details["tracked_changes"] = revisions
        if revisions and options.tracked not in ("accept", "reject"):
            raise InputError(path, f"has {revisions} tracked changes: say whether to read them accepted or rejected"
                                   " (--tracked accept|reject)")
        yield from self._blocks(body, "", {"p": 0, "table": 0}, styles, options, parsed)
        self._parts_skipped(document, parsed)
        self._note_roots: list[tuple[Any, Any]] = []
        for kind, reltype in _NOTES:
            for rel in document.part.rels.values():
                if rel.reltype != reltype or rel.is_external:
                    continue
                root = _parse_part(path, rel.target_part.blob, f"{kind}s")
                if store:
                    self._note_roots.append((rel.target_part, root))
                yield from self._notes(root, kind, styles, options, parsed)

    def _blocks(self, parent, prefix: str, counter: dict, styles: dict, options: ReadOptions, parsed: Parsed
                ) -> Iterator[tuple[Unit, Any]]:
        for child in parent:
            name = _local(child)
            if name == "p":
                counter["p"] += 1
                unit = self._paragraph(child, f"{prefix}p{counter['p']}", styles, options, parsed)
                yield unit, child
            elif name == "tbl":
                counter["table"] += 1
                yield from self._table(child, f"{prefix}table{counter['table']}", styles, options, parsed)
            elif name in ("sdt", "sdtContent", "customXml"):
                yield from self._blocks(child, prefix, counter, styles, options, parsed)
            elif name in ("ins", "moveTo") and options.tracked != "reject" or \
                    name in ("del", "moveFrom") and options.tracked == "reject":
                yield from self._blocks(child, prefix, counter, styles, options, parsed)
            elif name == "altChunk":
                parsed.skip("embedded document", f"{prefix}p{counter['p']}")
            elif name == "oMathPara":
                parsed.skip("equation", f"{prefix}p{counter['p']}")

    def _table(self, table, place: str, styles: dict, options: ReadOptions, parsed: Parsed
               ) -> Iterator[tuple[Unit, Any]]:
        for r, row in enumerate(table.iterchildren(w("tr")), 1):
            for c, cell in enumerate(row.iterchildren(w("tc")), 1):
                paragraphs = [p for p in cell.iter(w("p"))]
                nested = list(cell.iterchildren(w("tbl")))
                single = len(paragraphs) == 1 and not nested
                cell_place = f"{place}.r{r}.c{c}"
                counter = {"p": 0, "table": 0}
                for unit, element in self._blocks(cell, f"{cell_place}.", counter, styles, options, parsed):
                    unit.kind = "table-cell" if unit.kind == "paragraph" else unit.kind
                    if single:
                        unit.place = cell_place
                    yield unit, element

    def _paragraph(self, p, place: str, styles: dict, options: ReadOptions, parsed: Parsed) -> Unit:
        runs = list(p.iter(w("r")))
        weights: dict[tuple[str, ...], int] = {}
        for run in runs:
            length = sum(len(t.text or "") for t in run.iter(w("t"), w("delText")))
            weights[run_format(run)] = weights.get(run_format(run), 0) + length
        base = max(weights, key=lambda k: weights[k]) if weights else ()
        walk = _Walk(place, options, parsed, base)
        self._inline(p, walk)
        walk.close_format()
        built = walk.out.build()
        meta = {"docx": {str(built.ids[local]): xml for local, xml in walk.xml.items() if local in built.ids},
                "base_rpr": walk.base_rpr or ""}
        return Unit(built.text, _kind(p, styles), place, 0, built.tags, meta)

    def _inline(self, parent, walk: _Walk) -> None:
        for child in parent:
            name = _local(child)
            if name == "r":
                self._run(child, walk)
            elif name == "hyperlink":
                walk.close_format()
                target = child.get(f"{{{R}}}id") or child.get(w("anchor")) or ""
                local = walk.out.open(f"link {target}".strip())
                shell = copy.deepcopy(child)
                for grandchild in list(shell):
                    shell.remove(grandchild)
                walk.xml[local] = _xml(shell)
                self._inline(child, walk)
                walk.close_format()
                walk.out.close(local)
            elif name in ("ins", "moveTo"):
                if walk.options.tracked != "reject":
                    self._inline(child, walk)
            elif name in ("del", "moveFrom"):
                if walk.options.tracked == "reject":
                    self._inline(child, walk)
            elif name in _CONTAINERS or name == "sdt":
                if name == "fldSimple":
                    walk.parsed.skip("field", f"{walk.place} ({(child.get(w('instr')) or '').strip()})")
                self._inline(child, walk)
            elif name in ("oMath", "oMathPara"):
                walk.parsed.skip("equation", walk.place)
            elif name not in _IGNORED and name:
                walk.parsed.skip(f"unread element {name}", walk.place)

    def _run(self, run, walk: _Walk) -> None:
        fmt = run_format(run)
        for child in run:
            name = _local(child)
            if name in ("t", "delText"):
                if name == "delText" and walk.options.tracked != "reject":
                    continue
                walk.set_format(fmt, run)
                walk.out.text(child.text or "")
            elif name == "tab":
                walk.set_format(fmt, run)
                walk.standalone("tab", run, child)
            elif name in ("br", "cr"):
                walk.set_format(fmt, run)
                kind = child.get(w("type")) or "line"
                walk.standalone(f"{kind} break", run, child)
            elif name == "noBreakHyphen":
                walk.set_format(fmt, run)
                walk.out.text("\u2011")
            elif name == "sym":
                walk.set_format(fmt, run)
                walk.out.text(chr(int(child.get(w("char"), "20"), 16) & 0xFFFF or 0x20))
            elif name in ("footnoteReference", "endnoteReference"):
                walk.set_format(fmt, run)
                note = name.replace("Reference", "")
                walk.standalone(f"{note} {child.get(w('id'))}", run, child)
            elif name in ("drawing", "pict", "object"):
                walk.set_format(fmt, run)
                boxed = any(_local(el) == "txbxContent" for el in child.iter())
                what = "text box" if boxed else "image"
                walk.parsed.skip(what, walk.place)
                walk.standalone(what, run, child)
            elif name == "commentReference":
                walk.parsed.skip("comment", walk.place)
            elif name == "instrText":
                walk.parsed.skip("field", f"{walk.place} ({(child.text or '').strip()})")
            elif name in ("fldChar", "rPr", "softHyphen", "lastRenderedPageBreak", "annotationRef",
                          "footnoteRef", "endnoteRef", "separator", "continuationSeparator"):
                continue
            elif name:
                walk.parsed.skip(f"unread element {name}", walk.place)

    def _notes(self, root, kind: str, styles: dict, options: ReadOptions, parsed: Parsed
               ) -> Iterator[tuple[Unit, Any]]:
        for note in root.iterchildren(w(kind)):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paragraphs = list(note.iterchildren(w("p")))
            for k, p in enumerate(paragraphs, 1):
                place = f"{kind}{note.get(w('id'))}" + (f".p{k}" if len(paragraphs) > 1 else "")
                unit = self._paragraph(p, place, styles, options, parsed)
                unit.kind = kind
                yield unit, p

    def _parts_skipped(self, document, parsed: Parsed) -> None:
        for number, section in enumerate(document.sections, 1):
            for what, part in (("header", section.header), ("footer", section.footer)):
                if not part.is_linked_to_previous and any(p.text.strip() for p in part.paragraphs):
                    parsed.skip(what, f"section{number}")


def _safe_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _parse_part(path: Path, blob: bytes, what: str):
    from lxml import etree

    try:
        return etree.fromstring(blob, _safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"corrupt {what} part: {exc}") from None


def _serialise(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _open(path: Path):
    """The python-docx Document, after the package passed the zip-bomb and entity checks."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = open_office_zip(path, "DOCX")
    with archive:
        names = archive.namelist()
        if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
            raise InputError(path, "not a DOCX file: the package has no word/document.xml")
        for name in names:
            if name.endswith((".xml", ".rels")):
                read_member(archive, name, path)
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(path, f"corrupt or unsupported DOCX: {exc}") from None
    except Exception as exc:  # lxml syntax errors and zip errors surface as several types
        if type(exc).__module__.startswith(("lxml", "zipfile", "docx")):
            raise InputError(path, f"corrupt DOCX: {exc}") from None
        raise


def _style_names(document) -> dict[str, str]:
    return {style.style_id: (style.name or "") for style in document.styles}


def _kind(p, styles: dict[str, str]) -> str:
    ppr = p.find(w("pPr"))
    style_id = ""
    if ppr is not None:
        style = ppr.find(w("pStyle"))
        style_id = style.get(w("val"), "") if style is not None else ""
        if ppr.find(w("outlineLvl")) is not None:
            return "heading"
    name = styles.get(style_id, style_id).lower()
    if name.startswith(("heading", "title", "subtitle")):
        return "heading"
    if (ppr is not None and ppr.find(w("numPr")) is not None) or name.startswith("list"):
        return "list-item"
    return "paragraph"


def _replace_runs(p, unit: Unit, text: str) -> None:
    """Rebuild a paragraph's inline content from `text`, its placeholders mapped back to the original's
    formatting (the run properties each span had), links, breaks, images and note references."""
    from lxml import etree

    restore = unit.meta.get("docx", {})
    base_rpr = unit.meta.get("base_rpr", "")
    for child in list(p):
        if child.tag != w("pPr"):
            p.remove(child)
    stack: list[tuple[Any, str]] = [(p, base_rpr)]  # (container, run properties) of every open span
    for piece in pieces(text, unit.tags):
        container, rpr = stack[-1]
        xml = restore.get(str(piece.id), "")
        if piece.kind == "text":
            _append_run(container, rpr, piece.text)
        elif piece.kind == "open":
            element = etree.fromstring(xml) if xml else None
            if element is not None and _local(element) == "hyperlink":
                container.append(element)
                stack.append((element, rpr))
            else:
                stack.append((container, xml))
        elif piece.kind == "close":
            if len(stack) > 1:
                stack.pop()
        elif xml:
            container.append(etree.fromstring(xml))


def _append_run(container, rpr: str, text: str) -> None:
    from lxml import etree

    if not text:
        return
    run = etree.SubElement(container, w("r"))
    if rpr:
        run.append(etree.fromstring(rpr))
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


