"""Translation speed: batched vs one by one, cold vs warm cache, glossary constraints on vs off.

Translates the declaration's Russian source and prints a Markdown table:
segments (sentence pieces), how many the model translated (the rest came
from the cache), seconds, segments and generated target tokens per second,
and how many of the glossary's required terms the output contains.

Without --model it builds a tiny random Marian ru-en model (as the tests do),
which measures the machinery, not a real model. Point it at a real model
directory to measure that, unchanged:

    .venv/bin/python benchmarks/translate_speed.py
    .venv/bin/python benchmarks/translate_speed.py --model ~/models/nllb-200-distilled-600M --to en --beams 4
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus.model import make_document  # noqa: E402
from corpus.reader import read_document  # noqa: E402
from corpus.translate import DecodeSettings, TranslationCache, load_engine, translate_document  # noqa: E402
from glossaries import read_termbase  # noqa: E402
from tilmash.translate import glossary_terms, term_coverage  # noqa: E402

SET = ROOT / "corpus" / "astana-2025"
GLOSSARY = ROOT / "glossaries" / "astana-2025.tsv"


def tiny_model(directory: Path) -> Path:
    from tiny_seq2seq import build_tiny_marian, train_spm

    texts = [(SET / f"{lang}.txt").read_text(encoding="utf-8") for lang in ("ru", "en", "zh", "kk")]
    spm = train_spm(directory, texts + [GLOSSARY.read_text(encoding="utf-8").replace("\t", "\n")])
    return build_tiny_marian(directory / "opus-mt-ru-en-tiny", spm, "ru", "en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="model directory (default: a tiny random Marian ru-en built now)")
    parser.add_argument("--to", default="en", help="target language (default en)")
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--batch-tokens", type=int, default=4096)
    parser.add_argument("--threads", type=int, help="torch CPU threads")
    parser.add_argument("--paragraphs", type=int, help="translate only the first N paragraphs")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        model = Path(args.model) if args.model else tiny_model(Path(scratch))
        engine = load_engine("hf", model, threads=args.threads)
        source = read_document(SET / "ru.txt", "ru")
        if args.paragraphs:
            source = make_document(source.set_id, "ru", source.texts()[:args.paragraphs])
        terms = glossary_terms(read_termbase(GLOSSARY), "ru", args.to)
        settings = DecodeSettings(beams=args.beams, max_length=args.max_length)
        translate_document(make_document("warm-up", "ru", ["Стороны."]), engine, args.to, settings=settings,
                           progress=False)
        warm_cache = TranslationCache(Path(scratch) / "warm")
        runs = [  # (label, batch tokens, cache, constraints)
            ("batched, cold cache, free", args.batch_tokens, warm_cache, None),
            ("batched, warm cache, free", args.batch_tokens, warm_cache, None),
            ("one by one, free", 1, None, None),
            ("batched, constrained", args.batch_tokens, None, terms),
            ("one by one, constrained", 1, None, terms),
        ]
        print(f"model: {engine.name} ({engine.family}), ru-{args.to}, beams {args.beams}, max length"
              f" {args.max_length}, device {engine.device}\n")
        print("| run | segments | translated | seconds | seg/s | tokens/s | required terms produced |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, budget, cache, constraints in runs:
            started = time.perf_counter()
            result = translate_document(source, engine, args.to, settings=settings, cache=cache, terms=constraints,
                                        batch_tokens=budget, progress=False)
            seconds = time.perf_counter() - started
            stats = result.stats
            required, produced, _ = term_coverage(source, result, terms)
            print(f"| {label} | {stats.segments} | {stats.translated} | {seconds:.2f} |"
                  f" {stats.segments / seconds:.1f} | {stats.tokens / seconds:.0f} |"
                  f" {produced}/{required} ({100 * produced / max(required, 1):.0f}%) |")


if __name__ == "__main__":
    main()
