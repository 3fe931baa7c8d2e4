"""Output formats of the corpus builder, one module per format behind `CorpusWriter` (see `base`)."""
import sys

from corpus.registry import discover

from .base import WRITERS, CorpusWriter, Record, register, writer_formats

discover(sys.modules[__name__])

__all__ = ["WRITERS", "CorpusWriter", "Record", "register", "writer_formats"]
