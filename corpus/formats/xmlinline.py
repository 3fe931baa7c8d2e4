"""Inline markup of the translation-exchange formats (XLIFF 1.2, XLIFF 2.x, TMX) as placeholders.

Each format names which inline elements wrap translatable text (spans: XLIFF
`<g>`, `<mrk>`, `<pc>`, TMX `<hi>`) and which stand for native codes whose
content is not text (standalone: `<x/>`, `<ph>`, `<bpt>`, `<sc/>`...). The
element itself is kept (its tag, attributes and code content) so a writer can
put it back around or in place of the translated text.
"""
from __future__ import annotations

import copy
from pathlib import Path

from ..errors import InputError
from .placeholders import TaggedText, pieces


def local_name(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def safe_parser():
    """lxml without entity expansion, DTD loading or network access (entities were refused already)."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True)


def parse_xml(data: bytes, path: Path, what: str):
    from lxml import etree

    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if getattr(exc, "lineno", None) else None
        raise InputError(path, f"not well-formed {what}: {exc.msg if hasattr(exc, 'msg') else exc}", line) from None


def shell(element) -> str:
    """The element without its children (a span's wrapper), or whole (a code), as XML text."""
    from lxml import etree

    return etree.tostring(element, encoding="unicode", with_tail=False)


def read_inline(element, spans: frozenset[str]) -> tuple[str, dict[int, str], dict[str, str]]:
    """The text of a source/target/seg element: (text with placeholders, their descriptions, the XML
    to restore each one by its id). Elements named in `spans` wrap text; any other is a code."""
    out = TaggedText()
    restore: dict[int, str] = {}
    out.text(element.text or "")
    for child in element:
        _walk(child, out, restore, spans)
        out.text(child.tail or "")
    built = out.build()
    return built.text, built.tags, {str(built.ids[k]): v for k, v in restore.items() if k in built.ids}


def _walk(node, out: TaggedText, restore: dict[int, str], spans: frozenset[str]) -> None:
    name = local_name(node)
    if not name:
        return
    if name in spans:
        wrapper = copy.deepcopy(node)
        for child in list(wrapper):
            wrapper.remove(child)
        wrapper.text = None
        wrapper.tail = None
        local = out.open(_describe(node))
        restore[local] = shell(wrapper)
        out.text(node.text or "")
        for child in node:
            _walk(child, out, restore, spans)
            out.text(child.tail or "")
        out.close(local)
        return
    code = copy.deepcopy(node)
    code.tail = None
    restore[out.standalone(_describe(node))] = shell(code)


def _describe(node) -> str:
    attributes = " ".join(f'{k.rsplit("}", 1)[-1]}="{v}"' for k, v in node.attrib.items())
    return f"<{local_name(node)}{' ' + attributes if attributes else ''}>"


def write_inline(element, text: str, tags: dict[int, str], restore: dict[str, str]) -> None:
    """Fill `element` (a target or seg, emptied) with `text`, placeholders turned back into their elements."""
    from lxml import etree

    for child in list(element):
        element.remove(child)
    element.text = None
    stack = [element]
    for piece in pieces(text, tags):
        parent = stack[-1]
        if piece.kind == "text":
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + piece.text
            else:
                parent.text = (parent.text or "") + piece.text
        elif piece.kind == "close":
            if len(stack) > 1:
                stack.pop()
        else:
            xml = restore.get(str(piece.id))
            if xml is None:
                continue
            node = etree.fromstring(xml)
            parent.append(node)
            if piece.kind == "open":
                stack.append(node)
