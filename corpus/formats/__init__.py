"""Document formats: one reader module per format, found by extension or by name.

Adding a format is adding a module here that registers a `FormatReader`
subclass in `FORMATS` (or a `tilmash.formats` entry point in another package).
"""
from __future__ import annotations

import sys

from ..registry import discover
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit, reader_for

discover(sys.modules[__name__])

__all__ = ["FORMATS", "FormatReader", "Parsed", "ReadOptions", "Unit", "reader_for"]
