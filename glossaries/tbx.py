"""TBX (ISO 30042) import and export, TBX-Basic content: terms with their administrative status.

Statuses are TBX-Basic's (preferred, admitted, deprecated, superseded). TBX has no forbidden status,
so a forbidden term is written deprecated plus `<termNote type="x-usage">forbidden</termNote>`: a tool
that does not know the note still keeps it out of use. Case sensitivity is `<termNote
type="x-caseSensitivity">sensitive</termNote>`, the part of speech TBX-Basic's `partOfSpeech` on every term
of the concept, do-not-translate `<descrip type="x-doNotTranslate">yes</descrip>` on the concept.

Export writes TBX v3 (`urn:iso:std:iso:30042:ed-2`, DCA style); import also
reads the TBX 2008 `martif` layout that most CAT tools still produce. Input
is parsed with defusedxml: entity declarations and external references are
refused, so a hostile file cannot expand or fetch anything.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from corpus.errors import InputError
from corpus.languages import UnknownLanguage, normalise_tag
from corpus.limits import TERMBASE_CONCEPTS
from corpus.textio import atomic_write_text, line_containing, read_bytes
from corpus.textrules import checked_xml, forbidden_problem

from .model import PARTS_OF_SPEECH, Concept, TermBase, Terms, concept_problem, term_problem

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
          "deprecated": "deprecatedTerm-admn-sts", "superseded": "supersededTerm-admn-sts",
          "forbidden": "deprecatedTerm-admn-sts"}
_READ_STATUS = {"preferredTerm-admn-sts": "preferred", "admittedTerm-admn-sts": "admitted",
                "deprecatedTerm-admn-sts": "deprecated", "supersededTerm-admn-sts": "superseded",
                "forbidden": "forbidden", "forbiddenTerm-admn-sts": "forbidden"}
USAGE, CASE, DNT = "x-usage", "x-caseSensitivity", "x-doNotTranslate"


@dataclass(frozen=True)
class _Found:
    term: str
    status: str  # preferred, admitted, deprecated, superseded or forbidden
    case: bool
    pos: str


def _note(parent: ET.Element, kind: str, text: str) -> None:
    ET.SubElement(parent, f"{{{NS}}}termNote", type=kind).text = text


def format_tbx(termbase: TermBase, path: str | Path | None = None) -> str:
    """The term base as TBX v3; the error for a term XML cannot hold names `path` (default: where the
    term base was read from)."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, f"{{{NS}}}tbxHeader"), f"{{{NS}}}fileDesc"),
                           f"{{{NS}}}sourceDesc")
    ET.SubElement(header, f"{{{NS}}}p").text = f"Exported by tilmash from {termbase.source or 'a term base'}"
    body = ET.SubElement(ET.SubElement(root, f"{{{NS}}}text"), f"{{{NS}}}body")
    for concept in termbase.concepts:
        entry = ET.SubElement(body, f"{{{NS}}}conceptEntry", id=concept.id)
        if concept.dnt:
            ET.SubElement(entry, f"{{{NS}}}descrip", type=DNT).text = "yes"
        if concept.note:
            ET.SubElement(entry, f"{{{NS}}}note").text = concept.note
        for lang in termbase.languages:
            terms = concept.terms[lang]
            section = ET.SubElement(entry, f"{{{NS}}}langSec", {XML_LANG: normalise_tag(lang)})
            for status, item in (("preferred", terms.preferred), *(("admitted", t) for t in terms.variants),
                                 *terms.rejected()):
                term_sec = ET.SubElement(section, f"{{{NS}}}termSec")
                ET.SubElement(term_sec, f"{{{NS}}}term").text = item
                _note(term_sec, "administrativeStatus", STATUS[status])
                if status == "forbidden":
                    _note(term_sec, USAGE, "forbidden")
                if item in terms.case:
                    _note(term_sec, CASE, "sensitive")
                if concept.pos:
                    _note(term_sec, "partOfSpeech", concept.pos)
    ET.indent(root, space="  ")
    xml = checked_xml(ET.tostring(root, encoding="unicode"), path or termbase.source or "TBX")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def write_tbx(termbase: TermBase, path: str | Path) -> None:
    atomic_write_text(path, format_tbx(termbase, path))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) in names]


def _part_of_speech(value: str) -> str:
    """TBX-Basic's partOfSpeech as the model spells it; a value outside its picklist is `other`."""
    by_fold = {p.lower(): p for p in PARTS_OF_SPEECH}
    return by_fold.get(value.replace(" ", "").lower(), "other") if value else ""


def _term_sections(lang_section: ET.Element) -> list[_Found]:
    """The terms of a langSec (v3) or langSet (2008: tig, or ntig/termGrp), with their notes."""
    found = []
    for section in _children(lang_section, "termSec", "tig", "ntig"):
        holder = (_children(section, "termGrp") or [section])[0]
        term = next((t for t in _children(holder, "term")), None)
        if term is None or not (term.text or "").strip():
            continue
        notes = {n.get("type"): n.text.strip() for n in section.iter() if _local(n.tag) == "termNote" and n.text}
        status = _READ_STATUS.get(notes.get("administrativeStatus", ""), "admitted")
        if notes.get(USAGE, "").lower() == "forbidden":
            status = "forbidden"
        found.append(_Found("".join(term.itertext()).strip(), status,
                            notes.get(CASE, "").lower() == "sensitive", _part_of_speech(notes.get("partOfSpeech", ""))))
    return found


def _terms(found: list[_Found]) -> Terms:
    """One language's terms; without a preferred term the first admitted one is preferred."""
    of = {status: [f.term for f in found if f.status == status] for status in STATUS}
    if not of["preferred"]:
        of["preferred"], of["admitted"] = of["admitted"][:1], of["admitted"][1:]
    preferred = of["preferred"][:1] or [""]
    return Terms(preferred[0], tuple(of["preferred"][1:] + of["admitted"]), tuple(of["forbidden"]),
                 tuple(of["deprecated"]), tuple(of["superseded"]), tuple(f.term for f in found if f.case))


def read_tbx(path: str | Path) -> TermBase:
    path = Path(path)
    data = read_bytes(path)
    text = data.decode("utf-8", errors="replace")
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(path, f"refused: the file declares entities or external references ({type(exc).__name__})",
                         line_containing(text, "<!ENTITY")) from None
    except ET.ParseError as exc:
        raise InputError(path, f"not well-formed XML: {str(exc).split(':')[0]}", exc.position[0]) from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise InputError(path, f"not a TBX file (root element <{_local(root.tag)}>)", 1)
    concepts: list[Concept] = []
    seen: set[str] = set()
    languages: list[str] = []
    entries = [entry for entry in root.iter() if _local(entry.tag) in ("conceptEntry", "termEntry")]
    TERMBASE_CONCEPTS.check(len(entries), path)
    for entry in entries:
        concept_id = entry.get("id") or f"tbx-entry-{len(concepts) + 1}"
        if concept_id in seen:
            raise InputError(path, f"duplicate concept id {concept_id!r}", line_containing(text, f'"{concept_id}"'))
        seen.add(concept_id)
        notes = [n.text.strip() for n in _children(entry, "note", "descrip")
                 if n.text and n.text.strip() and n.get("type") != DNT]
        dnt = any(n.get("type") == DNT and (n.text or "").strip().lower() == "yes" for n in _children(entry, "descrip"))
        pos = ""
        problem = forbidden_problem(" ".join(notes))
        if problem:
            raise InputError(path, f"concept {concept_id!r}: its note contains a {problem}",
                             line_containing(text, f'"{concept_id}"'))
        terms = {}
        for section in _children(entry, "langSec", "langSet"):
            written = section.get(XML_LANG) or section.get("lang") or ""
            try:
                lang = normalise_tag(written)
            except UnknownLanguage as exc:
                raise InputError(path, f"concept {concept_id!r}: unknown language {written!r} ({exc})",
                                 line_containing(text, f'xml:lang="{written}"')) from None
            found = _term_sections(section)
            pos = pos or next((f.pos for f in found if f.pos), "")
            terms[lang] = _terms(found)
            if not terms[lang].preferred:
                raise InputError(path, f"concept {concept_id!r} has no {lang} term", line_containing(text, f'"{concept_id}"'))
            problem = term_problem(concept_id, lang, terms[lang])
            if problem:
                raise InputError(path, problem, line_containing(text, f'"{concept_id}"'))
            if lang not in languages:
                languages.append(lang)
        concept = Concept(concept_id, terms, " ".join(notes), pos, dnt)
        problem = concept_problem(concept)
        if problem:
            raise InputError(path, problem, line_containing(text, f'"{concept_id}"'))
        concepts.append(concept)
    if not concepts:
        raise InputError(path, "no concept entries")
    ordered = tuple(languages)
    for concept in concepts:
        missing = [lang for lang in ordered if lang not in concept.terms]
        if missing:
            raise InputError(path, f"concept {concept.id!r} has no {missing[0]} section",
                             line_containing(text, f'"{concept.id}"'))
    return TermBase(concepts, ordered, str(path))
