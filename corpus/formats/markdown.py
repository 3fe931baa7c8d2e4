"""Markdown (CommonMark with tables): headings, paragraphs, list items, quotes and table cells.

markdown-it-py parses; emphasis, links and inline HTML become placeholders
(the link target kept as what the placeholder stands for), inline code and
images standalone placeholders, since neither is translated text. Code
blocks, HTML blocks and front matter are skipped and listed by line. Places
are `line N`, the 1-based line where the block starts.
"""
from __future__ import annotations

from pathlib import Path

from ..textio import read_text
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit
from .placeholders import TaggedText

_KINDS = {"heading_open": "heading", "list_item_open": "list-item", "blockquote_open": "quote",
          "th_open": "table-cell", "td_open": "table-cell"}
_SKIPPED = {"fence": "code block", "code_block": "code block", "html_block": "html block",
            "front_matter": "front matter"}
_SPANS = {"em_open": "*", "strong_open": "**", "link_open": "link", "s_open": "~~"}


def _inline(children, out: TaggedText, parsed: Parsed, place: str) -> None:
    stack: list[int] = []
    for child in children:
        kind = child.type
        if kind == "text":
            out.text(child.content)
        elif kind == "softbreak":
            out.text(" ")
        elif kind == "hardbreak":
            out.standalone("line break")
        elif kind in _SPANS:
            what = f"link {child.attrs.get('href', '')}".strip() if kind == "link_open" else _SPANS[kind]
            stack.append(out.open(what))
        elif kind.endswith("_close") and stack:
            out.close(stack.pop())
        elif kind == "code_inline":
            out.standalone(f"`{child.content}`")
        elif kind == "image":
            out.standalone(f"image {child.attrs.get('src', '')}")
            parsed.skip("image", place)
        elif kind == "html_inline":
            out.standalone(child.content)


@FORMATS.register("md")
class Markdown(FormatReader):
    name = "md"
    extensions = (".md", ".markdown")
    description = "Markdown (CommonMark, tables): headings, paragraphs, lists, quotes, table cells"

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        from markdown_it import MarkdownIt

        decoded = read_text(path)
        tokens = MarkdownIt("commonmark").enable("table").parse(decoded.text)
        parsed = Parsed([], decoded.encoding)
        context: list[str] = []
        line = 0
        for token in tokens:
            if token.map:
                line = token.map[0] + 1
            if token.type in _KINDS:
                context.append(_KINDS[token.type])
            elif token.nesting == -1 and token.type.replace("_close", "_open") in _KINDS and context:
                context.pop()
            elif token.type in _SKIPPED:
                parsed.skip(_SKIPPED[token.type], f"line {line}")
            elif token.type == "inline":
                out = TaggedText()
                _inline(token.children or [], out, parsed, f"line {line}")
                built = out.build()
                kind = context[-1] if context else "paragraph"
                parsed.units.append(Unit(built.text, kind, f"line {line}", line, built.tags))
        return parsed
