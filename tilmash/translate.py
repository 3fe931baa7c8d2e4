"""`tilmash translate`: a source document into machine-translated documents of a set.

This is where the glossary meets the decoder: the term base's matcher finds
every source term occurrence (inflected Russian included) and each becomes
a required target term plus its forbidden variants, handed to
`corpus.translate` as plain strings. Outputs appear whole or not at all, and
each comes with its provenance in the set's `meta.toml`.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from align.cache import default_cache_dir
from corpus.docset import load_set, record_files
from corpus.languages import is_tag, normalise_tag, validate
from corpus.errors import InputError
from corpus.model import Document
from corpus.reader import read_document
from corpus.textio import atomic_write_text, read_bytes, read_text
from corpus.translate import DecodeSettings, TermSpec, Translation, TranslationCache, load_engine, translate_document
from corpus.translate.engine import ENGINES
from glossaries import TermBase, read_termbase
from glossaries.matching import Matcher

from .arguments import comma_list


def glossary_terms(termbase: TermBase, src: str, tgt: str) -> Callable[[str], TermSpec]:
    """For a source sentence: the preferred target term of every term occurrence, and the forbidden variants."""
    matcher = Matcher(termbase, src)

    def spec(text: str) -> TermSpec:
        required: list[str] = []
        forbidden: list[str] = []
        spans: list[tuple[int, int]] = []
        for match in matcher.find(text):
            terms = termbase[match.concept].terms.get(tgt)
            if terms is None:
                continue
            required.append(terms.preferred)
            forbidden.extend(term for _, term in terms.rejected() if term not in forbidden)
            spans.append((match.start, match.end))
        return TermSpec(tuple(required), tuple(forbidden), tuple(spans))

    return spec


def term_coverage(doc: Document, translation: Translation, terms: Callable[[str], TermSpec]) -> tuple[int, int, int]:
    """(required term occurrences, how many of them the translation has, forbidden variants it has).

    Counted per paragraph, by exact string: what constrained decoding promises.
    """
    required = produced = forbidden = 0
    for para, output in zip(doc.sentences, translation.paragraphs):
        needs: dict[str, int] = {}
        banned: set[str] = set()
        for sentence in para:
            spec = terms(sentence.text)
            for term in spec.required:
                needs[term] = needs.get(term, 0) + 1
            banned.update(spec.forbidden)
        required += sum(needs.values())
        produced += sum(min(count, output.count(term)) for term, count in needs.items())
        forbidden += sum(output.count(term) for term in banned)
    return required, produced, forbidden


@dataclass(frozen=True)
class Glossary:
    path: Path
    termbase: TermBase
    version: str  # SHA-256 of the file: a changed glossary never reuses cached translations


def load_glossary(path: str | Path, langs: list[str]) -> Glossary:
    """The term base, refused before any translating if it lacks one of `langs`, with its version for the cache."""
    path = Path(path)
    termbase = read_termbase(path)
    for lang in langs:
        if lang not in termbase.languages:
            raise InputError(path, f"the term base has no {lang} terms (it covers {', '.join(termbase.languages)})")
    return Glossary(path, termbase, hashlib.sha256(read_bytes(path)).hexdigest())


def _set_id(out: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", out.resolve().name).strip("-.")
    return name if name and name[0].isalnum() else "translated"


def _prepare_set(out: Path, src: Path, src_lang: str, targets: list[str]) -> dict | None:
    """The source entry to record for a new set (after copying the source in), or None for an existing set.

    An existing set must have this source, and only machine translations may be replaced.
    """
    text = read_text(src).text
    if (out / "meta.toml").is_file():
        docset = load_set(out)
        if docset.source_lang != src_lang:
            raise InputError(docset.meta_path, f"this set's source language is {docset.source_lang}, not {src_lang}")
        (entry,) = [f for f in docset.files if f.role == "source"]
        if read_text(out / entry.path).text != text:
            raise InputError(src, f"differs from the source of the set in {out} ({entry.path});"
                                  " translate into a new set directory")
        for item in docset.files:
            if item.path in {f"{lang}.txt" for lang in targets} and item.role != "mt":
                raise InputError(docset.meta_path, f"{item.path} is a {item.role} file of this set; refusing to"
                                                   " overwrite it with a machine translation")
        return None
    copy = out / f"{src_lang}.txt"
    if copy.exists() and copy.resolve() != src.resolve() and read_text(copy).text != text:
        raise InputError(copy, "exists and is not the source being translated; choose another -o directory")
    if copy.resolve() != src.resolve():
        atomic_write_text(copy, text)
    return {"path": copy.name, "lang": src_lang, "role": "source", "provenance": f"copied from {src} by tilmash"
            " translate (decoded to UTF-8, otherwise unchanged)", "engine": "none (original text)",
            "date": date.today(), "post_edited": False, "synthetic": False}


def translate_to_set(
    src: str | Path,
    src_lang: str,
    targets: list[str],
    model: str | Path,
    out: str | Path,
    *,
    engine: str = "hf",
    glossary: str | Path | None = None,
    constraints: bool = True,
    settings: DecodeSettings = DecodeSettings(),
    batch_tokens: int = 4096,
    threads: int | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    progress: bool = True,
    report: Callable[[str], None] = lambda line: None,
) -> list[Translation]:
    """Translate `src` into each of `targets`, writing `out/<lang>.txt` and recording them in `out/meta.toml`.

    Everything that can be refused (languages, glossary, model, the set) is
    checked before the first sentence is translated. Each document is written
    only when complete; finished segments live in the cache, so a killed run
    resumes where it stopped.
    """
    src, out = Path(src), Path(out)
    for lang in targets:
        validate(lang, src)
        if normalise_tag(lang) == normalise_tag(src_lang):
            raise InputError(src, f"target language {lang} is the source language")
    if len(set(map(normalise_tag, targets))) != len(targets):
        raise InputError(src, "a target language is named twice")
    doc = read_document(src, src_lang)
    terms = load_glossary(glossary, [src_lang, *targets]) if glossary else None
    if out.exists() and not out.is_dir():
        raise InputError(out, "exists and is not a directory")
    translator = load_engine(engine, model, threads=threads)
    for lang in targets:
        translator.check_pair(src_lang, lang)
    out.mkdir(parents=True, exist_ok=True)
    pending = _prepare_set(out, src, src_lang, targets)
    cache = TranslationCache(Path(cache_dir) if cache_dir else default_cache_dir()) if use_cache else None
    results = []
    for lang in targets:
        constrain = glossary_terms(terms.termbase, src_lang, lang) if terms and constraints else None
        version = terms.version if terms and constrain else ""
        result = translate_document(doc, translator, lang, settings=settings, cache=cache, terms=constrain,
                                    glossary_version=version, batch_tokens=batch_tokens, progress=progress)
        path = out / f"{lang}.txt"
        atomic_write_text(path, result.text())
        entry = {
            "path": path.name, "lang": lang, "role": "mt",
            "provenance": f"machine translation of {src.name} by tilmash translate, paragraph by paragraph,"
                          " sentence by sentence; not post-edited",
            "engine": f"{engine} ({translator.family})", "model": translator.name,
            "model_path": str(translator.path.resolve()), "model_sha256": translator.identity, "date": date.today(),
            "decoding": {**settings.as_dict(), "batch_tokens": batch_tokens, "sampling": False},
            "glossary": str(terms.path.resolve()) if terms else "none",
            "glossary_constraints": bool(constrain),
            **({"glossary_sha256": terms.version} if terms else {}),
            "post_edited": False, "synthetic": False,
            "notes": f"{len(result.paragraphs)} paragraphs, {result.stats.segments} segments",
        }
        record_files(out, ([pending] if pending else []) + [entry],
                     head={"id": _set_id(out), "title": f"{src.name} and its machine translations",
                           "source_lang": src_lang})
        pending = None
        stats = result.stats
        rate = stats.translated / stats.seconds if stats.seconds else 0.0
        report(f"{src_lang}-{lang}: {len(result.paragraphs)} paragraphs, {stats.segments} segments"
               f" ({stats.cached} from cache, {stats.translated} translated, {rate:.1f} seg/s) -> {path}")
        if translator.unreachable:
            report(f"warning: the model's vocabulary cannot spell {len(translator.unreachable)} required"
                   f" {lang} term(s), left unconstrained: {', '.join(sorted(translator.unreachable))}")
            translator.unreachable.clear()
        results.append(result)
    return results


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: must be at least 1")
    return number


def cmd_translate(args: argparse.Namespace) -> int:
    """The CLI's thin layer: report lines go to stderr, the set directory to stdout for scripts."""
    translate_to_set(args.src, args.src_lang, args.to, args.model, args.output, engine=args.engine,
                     glossary=args.glossary, constraints=not args.no_constraints,
                     settings=DecodeSettings(beams=args.beams, max_length=args.max_length),
                     batch_tokens=args.batch_tokens, threads=args.threads, cache_dir=args.cache_dir,
                     use_cache=not args.no_cache, report=lambda line: print(line, file=sys.stderr))
    print(args.output)
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `tilmash translate` on the main parser's subcommands."""
    p = sub.add_parser("translate", help="machine-translate a document into a document set",
                       description="Translate SRC with a local transformers model (NLLB-200, M2M100 or Marian"
                                   " opus-mt; never downloaded) into SET_DIR/<lang>.txt, recording provenance in"
                                   " SET_DIR/meta.toml. With --glossary the preferred target terms are forced and"
                                   " forbidden variants banned while decoding. Finished segments are cached, so an"
                                   " interrupted run resumes.")
    p.add_argument("src", metavar="SRC")
    p.add_argument("--src-lang", required=True, metavar="TAG", help="the source's language tag, e.g. ru or en")
    p.add_argument("--to", required=True, type=comma_list(is_tag), metavar="LANGS",
                   help="target language tags, e.g. en,zh,kk or ky,uz")
    p.add_argument("--model", required=True, metavar="DIR", help="model directory (or a name in the local HF cache)")
    p.add_argument("--engine", choices=sorted(ENGINES), default="hf")
    p.add_argument("--glossary", metavar="FILE", help="term base (TSV or TBX) whose terms are enforced while decoding")
    p.add_argument("--no-constraints", action="store_true",
                   help="decode freely; the glossary is still recorded in meta.toml for checks")
    p.add_argument("--beams", type=_positive, default=4, help="beam size (default 4; 1 is greedy)")
    p.add_argument("--max-length", type=_positive, default=256, help="most target tokens per sentence (default 256)")
    p.add_argument("--batch-tokens", type=_positive, default=4096,
                   help="padded source tokens x beams per batch (default 4096)")
    p.add_argument("--threads", type=_positive, help="CPU threads for torch (default: torch's choice)")
    p.add_argument("--cache-dir", help="translation cache directory (default $TILMASH_CACHE_DIR or ~/.cache/tilmash)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the translation cache")
    p.add_argument("-o", "--output", required=True, metavar="SET_DIR", help="document set directory to write into")
    p.set_defaults(func=cmd_translate)
