"""Seeded injection of typical MT errors into a copy of a translation, recording where.

The error-injection benchmark (benchmarks/qe_detection.py) measures the
reference-free checks on errors whose place is known. Copies are documents in
memory whose set id ends in `-synthetic` and whose meta says `synthetic =
true` with the injected error type: they are never written into corpus/.

Only 1-1 links with a substantive source paragraph are damaged, one error per
link, so that each injected error has exactly one place to be found. The
paragraph count never changes, so the copy keeps the original alignment.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass

from corpus.alignment import Alignment
from corpus.findings import TermFinding
from corpus.languages import profile
from corpus.model import Document, make_document
from corpus.segmenter import join_segments, split_sentences

from .checks import PairQuality
from .consistency import segment_key
from .numbers import extract

ERROR_TYPES = ("dropped-clause", "number", "term", "untranslated", "duplication", "truncation", "wrong-language",
               "negation", "inconsistent-translation", "shared-translation", "misspelling")
# An inconsistency is a relation between two links: both are its place, and both are counted.
PAIRED = ("inconsistent-translation", "shared-translation")
# The checks whose flag on the damaged link counts as finding the error.
DETECTED_BY = {
    "dropped-clause": ("length", "similarity", "omission"),
    "number": ("numbers",),
    "term": ("terms",),
    "untranslated": ("untranslated",),
    "duplication": ("repetition",),
    "truncation": ("truncation", "length"),
    "wrong-language": ("wrong-language",),
    "negation": ("similarity", "negation"),
    "inconsistent-translation": ("inconsistent-translation",),
    "shared-translation": ("shared-translation",),
    "misspelling": ("spelling",),
}
MIN_SOURCE_CHARS = 60

_CLAUSE = {"unspaced": re.compile(r"(?<=[，；])"), "default": re.compile(r"(?<=[,;] )")}
_WORDS = re.compile(r"[^\W\d_]+")
_CONTENT_WORD = re.compile(r"\b[^\W\d_]{5,}\b")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
_NEGATIONS = {  # by canonical tag
    "en": [(r"\b(will|shall|can|should|are|is|was|were)\b", r"\1 not"),
           (r"\b(support|welcome|reaffirm|note|agree|express|stress|consider|believe)\b", r"do not \1")],
    "zh-Hans": [(r"(将|愿|支持|欢迎|重申|认为|同意|强调|赞赏)", r"不\1")],
    "kk": [(r"(\w{2,})(ады|еді|йды|йді)\b", r"\1майды")],
}


@dataclass(frozen=True)
class Injection:
    kind: str
    link: int  # index of the damaged link in the alignment
    tgt: tuple[int, ...]
    before: str
    after: str


@dataclass
class InjectedCopy:
    document: Document
    injections: list[Injection]
    source: Document | None = None  # a changed copy of the source (a repeated source segment), else None


def _changed_number(text: str, src_hard: frozenset[str], rng: random.Random) -> str | None:
    candidates = [m for m in re.finditer(r"\d+", text) if m.group().lstrip("0") in src_hard]
    if not candidates:
        return None
    match = rng.choice(candidates)
    value = int(match.group())
    replacement = str(value + rng.choice([-3, -2, -1, 1, 2, 3]) if value > 1900 else value + rng.randint(1, 9))
    if replacement in src_hard:
        replacement = str(int(replacement) + 10)
    return text[:match.start()] + replacement + text[match.end():]


def _dropped_clause(text: str, lang: str, rng: random.Random) -> str | None:
    pieces = _CLAUSE["unspaced" if profile(lang).unspaced else "default"].split(text)
    inner = [k for k in range(1, len(pieces) - 1) if len(pieces[k]) >= 15]
    if not inner:
        return None
    k = rng.choice(inner)
    return "".join(pieces[:k] + pieces[k + 1:]).strip()


def _truncated(text: str, lang: str, rng: random.Random) -> str | None:
    cut = int(len(text) * rng.uniform(0.3, 0.7))
    if not profile(lang).unspaced:
        cut = text.rfind(" ", 0, cut)
    head = text[:cut].rstrip() if cut > 0 else ""
    head = re.sub(r"[.!?。！？；;:：\"”»」)）]+$", "", head).rstrip()
    return head if len(head) >= 10 else None


def _duplicated(text: str, lang: str, rng: random.Random) -> str | None:
    sentences = split_sentences(text, lang)
    if not sentences or len(sentences[0]) < 15:
        return None
    k = rng.randrange(len(sentences))
    if len(sentences[k]) < 15:
        k = 0
    return join_segments(sentences[:k + 1] + sentences[k:], lang)


def _untranslated(text: str, src: str, lang: str, src_lang: str, rng: random.Random) -> str | None:
    sentences, src_sentences = split_sentences(text, lang), split_sentences(src, src_lang)
    if len(sentences) < 2 or not src_sentences:
        return None  # a one-sentence paragraph would turn wholly Russian: that is a different error
    k = rng.randrange(len(sentences))
    sentences[k] = src_sentences[min(k, len(src_sentences) - 1)]
    return join_segments(sentences, lang)


def _negated(text: str, lang: str, rng: random.Random) -> str | None:
    for pattern, replacement in _NEGATIONS.get(profile(lang).tag, []):
        if re.search(pattern, text):
            return re.sub(pattern, replacement, text, count=1)
    return None


def _misspelt(text: str, src: str, rng: random.Random) -> str | None:
    """One lower-case word of seven letters or more, not in the source, mistyped as people mistype: two inner
    letters swapped, one left out or one doubled."""
    in_source = set(_WORDS.findall(src.casefold()))
    words = [m for m in _WORDS.finditer(text) if len(m.group()) >= 7 and m.group().islower()
             and m.group() not in in_source]
    if not words:
        return None
    match = rng.choice(words)
    word, k = match.group(), rng.randrange(2, len(match.group()) - 2)
    if word[k] == word[k + 1]:
        typo = word[:k] + word[k + 1:]
    else:
        typo = rng.choice([word[:k] + word[k + 1] + word[k] + word[k + 2:], word[:k] + word[k + 1:],
                           word[:k] + word[k] + word[k:]])
    return text[:match.start()] + typo + text[match.end():]


def _reworded(text: str, words: list[str], lang: str, rng: random.Random) -> str | None:
    """The text with one word (two characters of an unspaced script) replaced by another of the document's."""
    unit = _HAN_PAIR if profile(lang).unspaced else _CONTENT_WORD
    spots, others = list(unit.finditer(text)), [w for w in words if w.casefold() not in text.casefold()]
    if not spots or not others:
        return None
    match = rng.choice(spots)
    return text[:match.start()] + rng.choice(others) + text[match.end():]


def _paired(source: Document, target: Document, alignment: Alignment, kind: str, count: int,
            rng: random.Random) -> InjectedCopy:
    """Inconsistencies, `count` // 2 pairs of links: `inconsistent-translation` repeats one link's source at
    another (without its final stop) and gives it a reworded translation; `shared-translation` gives a link
    another's translation."""
    src_texts, texts = source.texts(), target.texts()
    unit = _HAN_PAIR if profile(target.lang).unspaced else _CONTENT_WORD
    vocabulary = sorted({m.group() for t in texts for m in unit.finditer(t)})
    # links whose source or translation the document repeats (a title) are left alone: the pair's two links
    # are then the only places of the inconsistency
    repeated = Counter(segment_key(t) for t in src_texts) + Counter(segment_key(t) for t in texts)
    order = [k for k in _substantive(source, alignment)
             if repeated[segment_key(src_texts[alignment.links[k].src[0]])] == 1
             and repeated[segment_key(texts[alignment.links[k].tgt[0]])] == 1]
    rng.shuffle(order)
    injections: list[Injection] = []
    for a, b in zip(order[0::2], order[1::2]):
        if len(injections) >= 2 * max(1, count // 2):
            break
        (i,), (j,) = alignment.links[a].src, alignment.links[a].tgt
        (m,), (n,) = alignment.links[b].src, alignment.links[b].tgt
        after = texts[j] if kind == "shared-translation" else _reworded(texts[j], vocabulary, target.lang, rng)
        if not after or after == texts[n] or src_texts[i] == src_texts[m]:
            continue
        if kind == "inconsistent-translation":  # repeated as repeats come: the final stop may differ
            src_texts[m] = src_texts[i].rstrip(".;")
        injections += [Injection(kind, a, (j,), texts[j], texts[j]), Injection(kind, b, (n,), texts[n], after)]
        texts[n] = after
    copy = make_document(f"{target.set_id}-synthetic", target.lang, texts, role=target.role,
                         meta={**target.meta, "synthetic": True, "injected": kind})
    changed = make_document(f"{source.set_id}-synthetic", source.lang, src_texts, role=source.role,
                            meta={**source.meta, "synthetic": True, "injected": kind}) \
        if kind == "inconsistent-translation" else None
    return InjectedCopy(copy, sorted(injections, key=lambda x: x.link), changed)


def _substantive(source: Document, alignment: Alignment) -> list[int]:
    """The links errors go into: 1-1, with a source paragraph long enough to carry one."""
    return [k for k, link in enumerate(alignment.links)
            if link.kind == "1-1" and len(source.paragraphs[link.src[0]].text) >= MIN_SOURCE_CHARS]


def _wrong_term(text: str, findings: list[TermFinding], others: list[str]) -> str | None:
    for finding in findings:
        rendered = finding.target_text
        if finding.kind == "ok" and rendered and rendered in text:
            wrong = next((o for o in others if o.casefold() != rendered.casefold() and o not in text), None)
            if wrong:
                return text.replace(rendered, wrong, 1)
    return None


def inject(source: Document, target: Document, alignment: Alignment, kind: str, count: int = 10, seed: int = 0,
           term_findings: list[TermFinding] | None = None, foreign: dict[int, str] | None = None) -> InjectedCopy:
    """A copy of `target` with `count` errors of one `kind` in randomly chosen 1-1 links.

    `term_findings` (the glossary check of the untouched pair) tells where a
    term is rendered correctly, for `term`; `foreign` maps a source paragraph
    index to its text in some other language, for `wrong-language`.
    """
    if kind not in ERROR_TYPES:
        raise ValueError(f"unknown error type {kind!r}; choose from {', '.join(ERROR_TYPES)}")
    rng = random.Random(f"{seed}:{kind}:{target.lang}")
    if kind in PAIRED:
        return _paired(source, target, alignment, kind, count, rng)
    texts = target.texts()
    findings = term_findings or []
    renderings = sorted({f.target_text for f in findings if f.kind == "ok" and f.target_text})
    order = _substantive(source, alignment)
    rng.shuffle(order)
    injections: list[Injection] = []
    for k in order:
        if len(injections) == count:
            break
        link = alignment.links[k]
        (i,), (j,) = link.src, link.tgt
        before, src = texts[j], source.paragraphs[i].text
        if kind == "number":
            after = _changed_number(before, extract(src, source.lang).hard, rng)
        elif kind == "dropped-clause":
            after = _dropped_clause(before, target.lang, rng)
        elif kind == "truncation":
            after = _truncated(before, target.lang, rng)
        elif kind == "duplication":
            after = _duplicated(before, target.lang, rng)
        elif kind == "untranslated":
            after = _untranslated(before, src, target.lang, source.lang, rng)
        elif kind == "negation":
            after = _negated(before, target.lang, rng)
        elif kind == "misspelling":
            after = _misspelt(before, src, rng)
        elif kind == "term":
            link_findings = [f for f in findings if (f.src, f.tgt) == (link.src, link.tgt)]
            after = _wrong_term(before, link_findings, renderings)
        else:
            after = (foreign or {}).get(i)
        if after and after != before:
            texts[j] = after
            injections.append(Injection(kind, k, link.tgt, before, after))
    meta = {**target.meta, "synthetic": True, "injected": kind, "seed": seed}
    copy = make_document(f"{target.set_id}-synthetic", target.lang, texts, role=target.role, meta=meta)
    return InjectedCopy(copy, sorted(injections, key=lambda x: x.link))


@dataclass
class Detection:
    """Counts for one injected copy: damaged links found or missed, and flags on untouched links."""
    found: int = 0
    missed: int = 0
    false_flags: int = 0  # untouched links flagged by the checks that look for this error type
    untouched: int = 0

    def add(self, other: "Detection") -> None:
        self.found += other.found
        self.missed += other.missed
        self.false_flags += other.false_flags
        self.untouched += other.untouched

    @property
    def precision(self) -> float:
        flagged = self.found + self.false_flags
        return self.found / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        injected = self.found + self.missed
        return self.found / injected if injected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def detection(quality: PairQuality, injections: list[Injection], checks: tuple[str, ...],
              untouched: PairQuality | None = None) -> Detection:
    """How the flags of `checks` on the injected copy line up with where the errors were put.

    Links that the same checks already flag in the `untouched` translation hold
    errors of the real MT (the planted term deviations, say): they are neither
    false flags nor found injections, so they are left out.
    """
    damaged = {x.link for x in injections}
    known = {k for k, link in enumerate(untouched.links) if any(f.check in checks for f in link.flags)} \
        if untouched is not None else set()
    result = Detection()
    for k, link in enumerate(quality.links):
        flagged = any(f.check in checks for f in link.flags)
        if k in known:
            continue
        if k in damaged:
            result.found += flagged
            result.missed += not flagged
        else:
            result.untouched += 1
            result.false_flags += flagged
    return result
