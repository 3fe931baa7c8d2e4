"""Parallel-corpus exporters, one module per format behind `Exporter` (see `base`): TMX 1.4b, TSV per pair,
JSONL, Moses plain text, and whatever else registers in `EXPORTERS`."""
import sys

from corpus.registry import discover

from .base import EXPORTERS, Corpus, Exporter, corpus_signature, export_formats, register, write_corpus

discover(sys.modules[__name__])

__all__ = ["EXPORTERS", "Corpus", "Exporter", "corpus_signature", "export_formats", "register", "write_corpus"]
