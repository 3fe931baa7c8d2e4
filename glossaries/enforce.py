"""Repairing forbidden term renderings, conservatively, with an audit trail.

A forbidden, superseded or deprecated variant is replaced only inside a link whose source holds the
same concept, and only when the repair is unambiguous: the admitted form
chosen must not repeat the word that follows it ("the Belt and Road
Initiative initiative"), an article already in the text is not doubled
(the articles are the language profile's), capitalisation follows the
sentence in languages whose profile says so (capital only where a sentence
starts), and in the suffixing languages (Kazakh, Kyrgyz, Uzbek, Turkmen,
Turkish, Tajik) an ending carried by the forbidden form moves to the
admitted one only when the profile's morphology says it is spelled the same
after both (same vowel harmony, both or neither in a possessive form); in
other languages only an uninflected forbidden form is replaced, and never
so that quotes come out unbalanced. Anything else is flagged for a person,
never guessed. Replacements are admitted forms, so a second run finds
nothing to do.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus.alignment import Link
from corpus.findings import REJECTED
from corpus.languages import profile
from corpus.reader import format_paragraphs
from corpus.textio import atomic_write_text

from .checking import joined
from .matching import Match, Matcher, canonical, tokenize
from .model import Concept, TermBase

_QUOTE_CHARS = "«»“”„\"「」『』《》"


@dataclass(frozen=True)
class Change:
    paragraph: int  # target paragraph index
    start: int
    end: int
    concept: str
    before: str
    after: str | None  # None when flagged
    action: str  # "replaced" or "flagged"
    rule: str

    def as_dict(self) -> dict:
        return asdict(self)


def _ending(match: Match, lang: str) -> str | None:
    """The ending the text adds to the forbidden term's last word: '' for none, None when the word is not
    simply term + ending (a voiced or dropped stem letter; any inflection where the language's endings cannot be
    moved): then we do not guess."""
    morphology = profile(lang).morphology
    if not morphology.carries_endings:
        return "" if canonical(match.text) == canonical(match.term) else None
    return morphology.ending(tokenize(match.term, lang)[-1].text, tokenize(match.text, lang)[-1].text)


def _sentence_start(text: str, start: int) -> bool:
    """Whether a sentence (or a numbered clause) begins at `start`, quotes aside."""
    before = text[:start].rstrip(_QUOTE_CHARS + " ")
    return not before or before.endswith((".", "!", "?", ":")) or bool(re.fullmatch(r"\d+\.", before))


def _next_word(text: str, end: int) -> str:
    found = re.match(rf"[\s{_QUOTE_CHARS}]*(\w+)", text[end:])
    return found.group(1).lower() if found else ""


def _previous_word(text: str, start: int) -> str:
    found = re.search(rf"(\w+)[\s{_QUOTE_CHARS}]*$", text[:start])
    return found.group(1).lower() if found else ""


def _candidate(text: str, match: Match, concept: Concept, lang: str) -> tuple[str | None, str]:
    """The replacement for one forbidden match and the rule used, or None and why it is ambiguous."""
    lang_profile = profile(lang)
    ending = _ending(match, lang)
    if ending is None:
        return None, f"{match.text!r} is inflected in a way that cannot be carried over safely"
    forbidden_last = tokenize(match.term, lang)[-1].text
    terms = concept.terms[lang]
    reasons = []
    for kind, form in [("preferred", terms.preferred), *(("variant", v) for v in terms.variants)]:
        form = form.strip(_QUOTE_CHARS + " ")
        words = form.split()
        articles = lang_profile.articles
        if words[0].lower() in articles and _previous_word(text, match.start) in articles:
            form = " ".join(words[1:])
        last = re.findall(r"\w+", form)[-1]
        if _next_word(text, match.end) == last.lower():
            reasons.append(f"{form!r} would repeat the following word")
            continue
        if ending:
            if not lang_profile.morphology.can_carry(ending, forbidden_last, last):  # type: ignore[attr-defined]
                reasons.append(f"the ending -{ending} cannot move from {forbidden_last!r} to {last!r}")
                continue
            form += ending
        if sum(form.count(q) for q in _QUOTE_CHARS) != sum(match.text.count(q) for q in _QUOTE_CHARS):
            reasons.append(f"{form!r} would unbalance the quotes around {match.text!r}")
            continue
        if lang_profile.capitalise_sentence_start and _sentence_start(text, match.start) and form[:1].islower():
            form = form[0].upper() + form[1:]
        return form, f"{kind} term" + (f", ending -{ending} kept" if ending else "")
    return None, "; ".join(reasons) or "no admitted form"


def enforce(termbase: TermBase, src_texts: list[str], tgt_texts: list[str], links: list[Link],
            src_lang: str, tgt_lang: str) -> tuple[list[str], list[Change]]:
    """The corrected target paragraphs and every change made or flagged; the input list is not modified."""
    source, target = Matcher(termbase, src_lang), Matcher(termbase, tgt_lang)
    out = list(tgt_texts)
    changes: list[Change] = []
    for link in links:
        if not link.src or not link.tgt:
            continue
        in_source = {m.concept for m in source.find(joined(src_texts, link.src, src_lang))}
        for j in link.tgt:
            text = out[j]
            edits = []
            for match in target.find(text):
                if match.kind not in REJECTED or match.concept not in in_source:
                    continue
                concept = termbase[match.concept]
                form, rule = _candidate(text, match, concept, tgt_lang)
                if form is None:
                    changes.append(Change(j, match.start, match.end, match.concept, match.text, None, "flagged", rule))
                    continue
                edits.append((match, form, f"{match.kind} -> {rule}"))
            for match, form, rule in sorted(edits, key=lambda e: -e[0].start):
                text = text[:match.start] + form + text[match.end:]
                changes.append(Change(j, match.start, match.end, match.concept, match.text, form, "replaced", rule))
            out[j] = text
    return out, sorted(changes, key=lambda c: (c.paragraph, c.start))


def audit_jsonl(changes: list[Change], doc) -> str:
    """One JSON line per change or flag, the paragraph named by its id."""
    return "".join(json.dumps({"id": doc.paragraphs[c.paragraph].id, **c.as_dict()}, ensure_ascii=False) + "\n"
                   for c in changes)


def write_enforced(text_path, audit_path, paragraphs: list[str], changes: list[Change], doc) -> None:
    """The audit, then the corrected document (a blank line between paragraphs), each written atomically:
    a corrected document never appears without its audit."""
    atomic_write_text(Path(audit_path), audit_jsonl(changes, doc))
    atomic_write_text(Path(text_path), format_paragraphs(paragraphs))
