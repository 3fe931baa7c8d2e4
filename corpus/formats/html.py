"""HTML: block elements as segments, inline markup and `<br>` as placeholders.

The encoding is taken from a BOM, else from the page's declaration (`<meta
charset>`, `http-equiv`, an XML declaration), else detected; a declaration
the bytes contradict (invalid in it, or mojibake in it while another encoding
reads cleanly) is an error, since a silently mis-decoded page poisons every
later step. Both the declared and the detected encoding are recorded.

Segments are the text of block elements (p, h1-h6, li, td, th, dt, dd,
blockquote, pre, caption...); text standing directly in a container between
child blocks is a segment of its own. Scripts, styles, forms, the head and
comments are skipped and counted. `main_text` first keeps only the main text
(trafilatura removes menus, footers and other boilerplate). Places are XPaths
(`/html/body/div[2]/p[3]`, `#2` for the second loose run of text in one).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..textio import line_of_offset, read_bytes
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit, readable
from .placeholders import TaggedText, pieces
from .safety import refuse_entities

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "blockquote", "pre", "caption",
          "figcaption", "div", "section", "article", "main", "header", "footer", "aside", "nav", "body", "ul", "ol",
          "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "address", "details", "summary", "legend",
          "fieldset", "hr", "center", "html"}
SKIPPED = {"script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math", "canvas",
           "form", "select", "textarea", "button", "video", "audio"}
STANDALONE = {"br", "img", "wbr", "input"}
_KINDS = {"li": "list-item", "td": "table-cell", "th": "table-cell", "caption": "caption", "figcaption": "caption",
          "pre": "preformatted", "blockquote": "quote", "dt": "term", "dd": "definition"}
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
                       re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_MOJIBAKE = 0.2  # charset-normalizer's mess ratio above which a decoding is taken for garbage


@dataclass(frozen=True)
class Encoding:
    used: str
    declared: str | None
    detected: str | None


def _codec(name: str) -> str | None:
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, path: Path) -> tuple[str, Encoding]:
    """The page's text and how it was decoded; a declaration the bytes contradict is an `InputError`."""
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), Encoding(codec, None, codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {codec} after its byte-order mark",
                                 line_of_offset(data, len(bom) + exc.start)) from None
    found = _DECLARED.search(data[:8192])
    declared_name = (found.group(1) or found.group(2)).decode("ascii") if found else None
    declared = _codec(declared_name) if declared_name else None
    if found and declared_name and declared is None:
        raise InputError(path, f"declares an unknown charset {declared_name!r}", line_of_offset(data, found.start()))
    best = from_bytes(data).best()
    detected = _codec(best.encoding) if best is not None else None
    if declared:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError as exc:
            hint = f"; the bytes look like {detected}" if detected and detected != declared else ""
            raise InputError(path, f"declares charset {declared_name} but is not {declared_name}: invalid byte"
                                   f" 0x{data[exc.start]:02x}{hint}; fix the <meta charset>",
                             line_of_offset(data, exc.start)) from None
        if detected and detected != declared and mess_ratio(text, 1.0) > _MOJIBAKE:
            alternative = data.decode(detected, errors="replace")
            if mess_ratio(alternative, 1.0) < _MOJIBAKE / 4:
                raise InputError(path, f"declares charset {declared_name} but reads as garbage in it and cleanly as"
                                       f" {detected}; fix the <meta charset>")
        return text, Encoding(declared, declared_name, detected)
    try:
        return data.decode("utf-8"), Encoding("utf-8", None, detected)
    except UnicodeDecodeError as exc:
        if detected is None:
            raise InputError(path, f"not UTF-8 and no encoding detected (invalid byte 0x{data[exc.start]:02x});"
                                   " declare it with <meta charset>", line_of_offset(data, exc.start)) from None
        return data.decode(detected, errors="strict"), Encoding(detected, None, detected)


def parse_html(text: str, path: Path):
    """An lxml tree of the page, parsed without network access or entity expansion."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, remove_pis=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"cannot parse as HTML: {exc}") from None
    return root


@dataclass
class Slot:
    """Where a segment's content lives: `parent`'s text (after = -1) or the tail of child `after`,
    through the inline children before child `upto`; what `write_back` replaces."""
    parent: Any  # an lxml element
    after: int
    upto: int


def _name(node) -> str:
    tag = node.tag
    return tag.lower() if isinstance(tag, str) else ""


def _describe(node) -> str:
    attributes = " ".join(f'{k}="{v}"' for k, v in node.attrib.items())
    return f"<{_name(node)}{' ' + attributes if attributes else ''}>"


@FORMATS.register("html")
class Html(FormatReader):
    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    description = "HTML: block elements; --main-text keeps only the main text (boilerplate removed)"

    def option_names(self) -> tuple[str, ...]:
        return ("main_text",)

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        root, encoding = self._load(path, options)
        parsed = Parsed([], encoding.used, details={"declared_encoding": encoding.declared,
                                                    "detected_encoding": encoding.detected})
        parsed.units = [unit for unit, _ in self._walk(root, parsed)]
        return parsed

    def _load(self, path: Path, options: ReadOptions):
        data = read_bytes(path)
        refuse_entities(data, path)
        text, encoding = decode_html(data, path)
        if options.main_text:
            import trafilatura

            main = trafilatura.extract(text, output_format="html", include_formatting=True, include_links=True,
                                       include_tables=True, include_comments=False)
            if not main:
                raise InputError(path, "no main text found (trafilatura); read the whole page instead")
            text = main
        return parse_html(text, path), encoding

    def _walk(self, root, parsed: Parsed) -> Iterator[tuple[Unit, Slot]]:
        tree = root.getroottree()
        for node in root.iter():
            name = _name(node)
            if not isinstance(node.tag, str):
                if node.getparent() is not None and _name(node.getparent()) not in SKIPPED:
                    parsed.skip("comment", tree.getpath(node.getparent()))
                continue
            if name in SKIPPED and not any(_name(a) in SKIPPED for a in node.iterancestors()):
                if name == "head":
                    title = node.find("title")
                    if title is not None and (title.text or "").strip():
                        parsed.skip("title", tree.getpath(title))
                else:
                    parsed.skip(name, tree.getpath(node))
        yield from self._block(root, tree, parsed)

    def _block(self, element, tree, parsed: Parsed) -> Iterator[tuple[Unit, Slot]]:
        """Segments of one block: its loose inline runs, and its child blocks in order."""
        children = list(element)
        runs = 0
        start = -1
        for index in range(len(children) + 1):
            child = children[index] if index < len(children) else None
            if child is not None and not (_name(child) in BLOCKS or _name(child) in SKIPPED):
                continue
            slot = Slot(element, start, index)
            out = TaggedText()
            restore = self._inline(slot, out, tree, parsed)
            built = out.build()
            if built.text:
                runs += 1
                place = tree.getpath(element) + (f"#{runs}" if runs > 1 or index < len(children) else "")
                kind = _KINDS.get(_name(element), "heading" if re.fullmatch(r"h[1-6]", _name(element)) else
                                  "paragraph")
                meta = {"html": {str(built.ids[k]): v for k, v in restore.items() if k in built.ids}}
                yield Unit(built.text, kind, place, element.sourceline or 0, built.tags, meta), slot
            if child is not None and _name(child) in BLOCKS:
                yield from self._block(child, tree, parsed)
            start = index

    def _inline(self, slot: Slot, out: TaggedText, tree, parsed: Parsed) -> dict[int, dict]:
        """Build the slot's text; returns the element to restore for each placeholder (builder ids)."""
        element = slot.parent
        restore: dict[int, dict] = {}
        head = element.text if slot.after < 0 else element[slot.after].tail
        out.text(head or "")
        for index in range(slot.after + 1, slot.upto):
            self._node(element[index], out, tree, parsed, restore)
            out.text(element[index].tail or "")
        return restore

    def _node(self, node, out: TaggedText, tree, parsed: Parsed, restore: dict[int, dict]) -> None:
        name = _name(node)
        if not name:
            return  # a comment, counted by the walk
        spec = {"tag": name, "attrib": dict(node.attrib)}
        if name in STANDALONE:
            if name == "img":
                parsed.skip("image", tree.getpath(node))
            restore[out.standalone(_describe(node))] = spec
            return
        plain = name in ("span", "font") and not node.attrib
        local = None if plain else out.open(_describe(node))
        if local is not None:
            restore[local] = spec
        out.text(node.text or "")
        for child in node:
            self._node(child, out, tree, parsed, restore)
            out.text(child.tail or "")
        if local is not None:
            out.close(local)

    def write_back(self, original: Path, options: ReadOptions, texts: list[str]) -> bytes:
        """The original page with each segment's content replaced by `texts`, markup restored; written
        in the page's own encoding (characters it cannot hold become character references)."""
        import lxml.html

        if options.main_text:
            raise InputError(original, "a page read as main text only cannot be written back (its structure was"
                                       " replaced by the extract); read it whole")
        root, encoding = self._load(original, options)
        pairs = [(unit, slot) for unit, slot in self._walk(root, Parsed([])) if readable(unit)]
        if len(pairs) != len(texts):
            raise InputError(original, f"has {len(pairs)} segments, the translation to write back has {len(texts)}")
        for (unit, slot), text in reversed(list(zip(pairs, texts))):
            _replace(slot, unit, text)
        return lxml.html.tostring(root.getroottree(), encoding=encoding.used, method="html", doctype=_doctype(root))


def _doctype(root) -> str:
    return root.getroottree().docinfo.doctype or "<!DOCTYPE html>"


def _replace(slot: Slot, unit: Unit, text: str) -> None:
    """Put `text` where the segment was: the slot's leading text, then new inline nodes in place of the old."""
    from lxml import etree

    parent = slot.parent
    old = [parent[i] for i in range(slot.after + 1, slot.upto)]
    anchor_index = slot.after + 1
    for node in old:
        parent.remove(node)
    restore = unit.meta.get("html", {})
    stack: list[Any] = []  # open elements, innermost last
    top: list[Any] = []  # new top-level nodes, in order
    lead: list[str] = []
    for piece in pieces(text, unit.tags):
        if piece.kind == "close":
            if stack:
                stack.pop()
            continue
        if piece.kind == "text":
            _add_text(stack, top, lead, piece.text)
            continue
        spec = restore.get(str(piece.id), {"tag": "span", "attrib": {}})
        node = etree.Element(spec["tag"], spec["attrib"])
        (stack[-1].append(node) if stack else top.append(node))
        if piece.kind == "open":
            stack.append(node)
    if slot.after < 0:
        parent.text = "".join(lead)
    else:
        parent[slot.after].tail = "".join(lead)
    for offset, node in enumerate(top):
        parent.insert(anchor_index + offset, node)


def _add_text(stack: list, top: list, lead: list[str], text: str) -> None:
    if stack:
        inner = stack[-1]
        if len(inner):
            inner[-1].tail = (inner[-1].tail or "") + text
        else:
            inner.text = (inner.text or "") + text
    elif top:
        top[-1].tail = (top[-1].tail or "") + text
    else:
        lead.append(text)
