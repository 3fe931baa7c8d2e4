"""Term bases (model, TSV and TBX I/O), term matching, terminology checks and enforcement.

    termbase = glossaries.read_termbase("glossaries/astana-2025.tsv")
    result = glossaries.check(termbase, src_texts, tgt_texts, links, "ru", "kk")
    fixed, changes = glossaries.enforce(termbase, src_texts, tgt_texts, links, "ru", "kk")
"""
from .checking import CheckResult, check, joined, terms_signature
from .enforce import Change, enforce, write_enforced
from .formats import TERMBASE_FORMATS, TermBaseFormat, read_termbase, write_termbase
from .matching import Match, Matcher
from .model import Concept, TermBase, Terms
from .tbx import format_tbx, read_tbx, write_tbx
from .tsv import format_tsv, read_tsv, write_tsv

__all__ = ["TERMBASE_FORMATS", "Change", "CheckResult", "Concept", "Match", "Matcher", "TermBase",
           "TermBaseFormat", "Terms", "check", "enforce", "format_tbx", "format_tsv", "joined", "read_tbx",
           "read_termbase", "read_tsv", "terms_signature", "write_enforced", "write_tbx", "write_termbase",
           "write_tsv"]
